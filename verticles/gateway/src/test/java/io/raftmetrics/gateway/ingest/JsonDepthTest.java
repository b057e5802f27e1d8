package io.raftmetrics.gateway.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDepthTest {

  private static boolean within(String json, int max) {
    return JsonDepth.isWithin(json.getBytes(StandardCharsets.UTF_8), max);
  }

  @Test
  void countsNestedArraysAndObjects() {
    assertThat(within("[{\"a\":[1]}]", 3)).isTrue();
    assertThat(within("[{\"a\":[1]}]", 2)).isFalse();
    assertThat(within("[][][][]", 1)).isTrue();
    assertThat(within("]]]]]][[", 2)).isTrue();
    assertThat(within("", 1)).isTrue();
  }

  @Test
  void ignoresBracketsInStringsAndComments() {
    assertThat(within("[\"[[[[\", '[[[[\\'[[', \"\\\"[[[\"]", 1)).isTrue();
    assertThat(within("[/* [[[[ */ 1, // [[[[\n 2, # [[[[\r 3]", 1)).isTrue();
    assertThat(within("[/* [[[[ ", 1)).isTrue();
  }

  @Test
  void aQuoteInsideAnUnquotedLiteralDoesNotHideNesting() {
    // Gson reads ab" as one literal, then descends into the arrays after the comma.
    assertThat(within("[ab\", [[[[1]]]]]", 3)).isFalse();
    // Closing brackets in comments cannot cancel real nesting either.
    assertThat(within("[[/*]]*/[[1]]]]", 3)).isFalse();
  }

  @Test
  void acceptsNonAsciiText() {
    assertThat(within("[\"日本\", ü, {\"東京\": [\"ü\"]}]", 3)).isTrue();
  }
}
