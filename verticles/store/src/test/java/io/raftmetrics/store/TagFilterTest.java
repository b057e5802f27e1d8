package io.raftmetrics.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagFilterTest {

  private static final Map<String, String> SERIES = Map.of("host", "web-10", "dc", "eu:1");

  @Test
  void emptyFilterMatchesEverything() {
    TagFilter f = TagFilter.of(Map.of());
    assertThat(f.isEmpty()).isTrue();
    assertThat(f.matches(Map.of())).isTrue();
  }

  @Test
  void oneOfTheValuesOfEachTag() {
    assertThat(TagFilter.of(Map.of("host", List.of("a", "web-10"))).matches(SERIES)).isTrue();
    assertThat(TagFilter.of(Map.of("host", List.of("a", "b"))).matches(SERIES)).isFalse();
    assertThat(TagFilter.of(Map.of("host", List.of("web-10"), "dc", List.of("eu:1"))).matches(SERIES)).isTrue();
    assertThat(TagFilter.of(Map.of("host", List.of("web-10"), "dc", List.of("us"))).matches(SERIES)).isFalse();
  }

  @Test
  void seriesWithoutTheTagNeverMatches() {
    assertThat(TagFilter.of(Map.of("rack", List.of("regex:.*"))).matches(SERIES)).isFalse();
    assertThat(TagFilter.of(Map.of("host", List.of())).matches(SERIES)).isFalse();
  }

  @Test
  void regexMustMatchTheWholeValue() {
    assertThat(TagFilter.of(Map.of("host", List.of("regex:web-\\d+"))).matches(SERIES)).isTrue();
    assertThat(TagFilter.of(Map.of("host", List.of("regex:web"))).matches(SERIES)).isFalse();
    assertThat(TagFilter.of(Map.of("host", List.of("Regex:web-10"))).matches(SERIES)).isFalse();
    assertThatThrownBy(() -> TagFilter.of(Map.of("host", List.of("regex:[")))).isInstanceOf(IllegalArgumentException.class);
  }
}
