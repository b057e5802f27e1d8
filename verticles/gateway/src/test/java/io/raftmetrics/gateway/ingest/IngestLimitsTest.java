package io.raftmetrics.gateway.ingest;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestLimitsTest {

  @Test
  void readsTheConfigurationSectionOverTheDefaults() {
    assertThat(IngestLimits.fromConfig(null)).isEqualTo(IngestLimits.DEFAULTS);
    assertThat(IngestLimits.fromConfig(new JsonObject())).isEqualTo(IngestLimits.DEFAULTS);
    IngestLimits limits = IngestLimits.fromConfig(new JsonObject().put("max_points_per_request", 10)
      .put("max_tags_per_metric", 3).put("max_name_length", 200).put("max_metrics_per_batch", 5)
      .put("max_json_depth", 16));
    assertThat(limits).isEqualTo(new IngestLimits(10, 3, 200, 5, 16));
    assertThat(IngestLimits.DEFAULTS).isEqualTo(new IngestLimits(1_000_000, 64, 1024, 10_000, 64));
  }

  @Test
  void refusesLimitsThatCannotWork() {
    assertThatThrownBy(() -> new IngestLimits(0, 64, 1024, 10, 64)).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("maxPointsPerRequest");
    assertThatThrownBy(() -> IngestLimits.fromConfig(new JsonObject().put("max_json_depth", 3)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxJsonDepth");
  }
}
