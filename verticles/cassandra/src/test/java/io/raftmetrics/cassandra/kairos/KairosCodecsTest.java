package io.raftmetrics.cassandra.kairos;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The byte formats against the values spec/kairosdb.md §5.4 verified on a real KairosDB. */
class KairosCodecsTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rowTimeIsKairosDbsRuleIncludingNegativeTimestamps() {
    RowSpec s = RowSpec.DEFAULT;
    assertThat(s.rowTime(1700000000123L)).isEqualTo(1698278400000L);
    assertThat(s.rowTime(0)).isZero();
    assertThat(s.rowTime(-1)).isEqualTo(-2);
    assertThat(s.rowTime(-2)).isEqualTo(-4);
    assertThat(s.rowTime(-1814400000L)).isEqualTo(-1814400000L);
    assertThat(s.rowTime(-1814400001L)).isEqualTo(-1814400002L);
    assertThat(s.rowTime(1814399999L)).isZero();
    assertThat(s.rowTime(Long.MIN_VALUE)).isLessThan(Long.MIN_VALUE + RowSpec.DEFAULT_WIDTH);
    assertThat(s.rowTime(Long.MAX_VALUE)).isGreaterThan(Long.MAX_VALUE - RowSpec.DEFAULT_WIDTH);
  }

  @Test
  void columnNamesPerUnit() {
    long rowTime = RowSpec.DEFAULT.rowTime(1700000000123L);
    assertThat(Integer.toHexString(RowSpec.DEFAULT.columnName(rowTime, 1700000000123L))).isEqualTo("669d887b");
    assertThat(RowSpec.DEFAULT.columnName(-2, -1)).isEqualTo(1);
    assertThat(RowSpec.DEFAULT.timestamp(-2, 1)).isEqualTo(-1);
    RowSpec legacy = new RowSpec(RowSpec.Unit.LEGACY, RowSpec.DEFAULT_WIDTH);
    assertThat(legacy.columnName(rowTime, 1700000000123L)).isEqualTo(1721600123 << 1);
    assertThat(legacy.timestamp(rowTime, 1721600123 << 1)).isEqualTo(1700000000123L);
    RowSpec seconds = new RowSpec(RowSpec.Unit.SECONDS, 1814400);
    assertThat(seconds.rowTime(1700000000123L)).isEqualTo(1700000000123L - 1700000000123L % 1814400);
    assertThat(seconds.columnName(1700000000000L - 5000, 1700000000123L)).isEqualTo(5);
    assertThat(seconds.widthMillis()).isEqualTo(1814400000L);
  }

  @Test
  void rowKeyMatchesTheVerifiedExamples() {
    TreeMap<String, String> tags = new TreeMap<>();
    tags.put("host", "server1");
    tags.put("dc", "a:b=c");
    RowKey key = new RowKey("cpu.load", 1698278400000L, "kairos_long", tags);
    assertThat(HEX.formatHex(key.toBytes())).isEqualTo("6370752e6c6f6164" + "00" + "0000018b6947e000" + "00" + "0b"
      + "6b6169726f735f6c6f6e67" + "64633d613d3a623d3d633a686f73743d736572766572313a");

    RowKey negative = new RowKey("neg.m", -2, "kairos_long", new TreeMap<>(java.util.Map.of("t", "v")));
    assertThat(HEX.formatHex(negative.toBytes())).isEqualTo("6e65672e6d" + "00" + "fffffffffffffffe" + "00" + "0b"
      + HEX.formatHex("kairos_long".getBytes(StandardCharsets.UTF_8))
      + HEX.formatHex("t=v:".getBytes(StandardCharsets.UTF_8)));

    assertThat(RowKey.parse(ByteBuffer.wrap(key.toBytes()))).isEqualTo(key);
    assertThat(RowKey.parse(ByteBuffer.wrap(negative.toBytes()))).isEqualTo(negative);
  }

  @Test
  void tagStringEscapesAndParsesBack() {
    TreeMap<String, String> tags = new TreeMap<>();
    tags.put("k:colon", "v=eq");
    tags.put("k=eq", "v:colon");
    tags.put("a:", "=");
    tags.put("x", "");
    tags.put("日本", "東京");
    String[][] kv = TagString.sorted(tags);
    String s = TagString.format(kv[0], kv[1]);
    assertThat(s).isEqualTo("a::===:k::colon=v==eq:k:=eq=v=:colon:x=:日本=東京:");
    assertThat(TagString.parse(s)).isEqualTo(tags);
    assertThat(TagString.format(new String[0], new String[0])).isEmpty();
  }

  @Test
  void longValuesAreZigZagVarints() {
    assertThat(hexLong(0)).isEqualTo("00");
    assertThat(hexLong(1)).isEqualTo("02");
    assertThat(hexLong(-1)).isEqualTo("01");
    assertThat(hexLong(42)).isEqualTo("54");
    assertThat(hexLong(63)).isEqualTo("7e");
    assertThat(hexLong(64)).isEqualTo("8001");
    assertThat(hexLong(-65)).isEqualTo("8101");
    assertThat(hexLong(300)).isEqualTo("d804");
    assertThat(hexLong(Long.MAX_VALUE)).isEqualTo("feffffffffffffffff01");
    assertThat(hexLong(Long.MIN_VALUE)).isEqualTo("ffffffffffffffffff01");
    for (long v : new long[] {0, 1, -1, 127, 128, -1000000, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
      assertThat(KairosValues.decodeLong(KairosValues.encodeLong(v))).isEqualTo(v);
    }
  }

  @Test
  void doubleAndStringValues() {
    assertThat(HEX.formatHex(KairosValues.encodeDouble(1.5))).isEqualTo("3ff8000000000000");
    assertThat(HEX.formatHex(KairosValues.encodeDouble(-0.1))).isEqualTo("bfb999999999999a");
    assertThat(HEX.formatHex(KairosValues.encodeDouble(Double.NaN))).isEqualTo("7ff8000000000000");
    assertThat(HEX.formatHex(KairosValues.encodeString("up"))).isEqualTo("00027570");
    assertThat(HEX.formatHex(KairosValues.encodeString("é\0x"))).isEqualTo("0005c3a9c08078");
    String supplementary = "a\uD83D\uDE00";
    assertThat(KairosValues.encodeString(supplementary)).hasSize(2 + 1 + 6);
    assertThat(KairosValues.decodeString(KairosValues.encodeString(supplementary))).isEqualTo(supplementary);
    assertThat(KairosValues.decodeString(KairosValues.encodeString(""))).isEmpty();
    assertThatThrownBy(() -> KairosValues.encodeString("é".repeat(40000)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
  }

  private static String hexLong(long v) {
    return HEX.formatHex(KairosValues.encodeLong(v));
  }
}
