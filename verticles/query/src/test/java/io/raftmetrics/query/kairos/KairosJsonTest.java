package io.raftmetrics.query.kairos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KairosDB's number and string printing (org.json), checked on the values its recordings show. */
class KairosJsonTest {

  @Test
  void doublesPrintLikeOrgJson() {
    assertThat(KairosJson.format(1.0)).isEqualTo("1");
    assertThat(KairosJson.format(-0.0)).isEqualTo("-0");
    assertThat(KairosJson.format(2.5)).isEqualTo("2.5");
    assertThat(KairosJson.format(30.200000000000003)).isEqualTo("30.200000000000003");
    assertThat(KairosJson.format(1e10)).isEqualTo("1.0E10");
    assertThat(KairosJson.format(1e-4)).isEqualTo("1.0E-4");
    assertThat(KairosJson.format(1.5e300)).isEqualTo("1.5E300");
    assertThat(KairosJson.format(100.0)).isEqualTo("100");
    assertThatThrownBy(() -> KairosJson.format(Double.NaN)).isInstanceOf(KairosJson.NotANumberException.class);
    assertThatThrownBy(() -> KairosJson.format(Double.NEGATIVE_INFINITY))
      .isInstanceOf(KairosJson.NotANumberException.class);
  }

  @Test
  void stringsAreEscapedLikeOrgJson() {
    assertThat(new KairosJson(16).string("quote\"and\\backslash").toString()).isEqualTo("\"quote\\\"and\\\\backslash\"");
    assertThat(new KairosJson(16).string("</script> a/b").toString()).isEqualTo("\"<\\/script> a/b\"");
    assertThat(new KairosJson(16).string("\t\n\u0001\u0085\u2028ü日本").toString())
      .isEqualTo("\"\\t\\n\\u0001\\u0085\\u2028ü日本\"");
  }
}
