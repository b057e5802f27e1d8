package io.raftmetrics.gateway.ingest;

import io.vertx.core.json.JsonObject;

/**
 * Size limits applied while parsing ingest requests. Each one answers with a clear error instead of letting a request
 * exhaust memory or reach storage that cannot hold it.
 *
 * @param maxPointsPerRequest points one request may carry; beyond it the whole request is refused (413)
 * @param maxTagsPerMetric tags one metric may carry; beyond it that metric is refused (400)
 * @param maxNameLength characters of a metric name, tag key or tag value; beyond it that metric is refused (400)
 * @param maxMetricsPerBatch metrics in one {@code POST /metrics/batch}; beyond it the request is refused (413)
 * @param maxJsonDepth nesting of arrays and objects in a body; beyond it the request is refused (400)
 */
public record IngestLimits(int maxPointsPerRequest, int maxTagsPerMetric, int maxNameLength, int maxMetricsPerBatch,
                           int maxJsonDepth) {

  /** The defaults: 1,000,000 points, 64 tags, 1024 characters, 10,000 metrics, depth 64. */
  public static final IngestLimits DEFAULTS = new IngestLimits(1_000_000, 64, 1024, 10_000, 64);

  public IngestLimits {
    requirePositive("maxPointsPerRequest", maxPointsPerRequest);
    requirePositive("maxTagsPerMetric", maxTagsPerMetric);
    requirePositive("maxNameLength", maxNameLength);
    requirePositive("maxMetricsPerBatch", maxMetricsPerBatch);
    // A KairosDB body is at least four levels deep: array, metric, datapoints, point.
    if (maxJsonDepth < 4) {
      throw new IllegalArgumentException("maxJsonDepth must be at least 4: " + maxJsonDepth);
    }
  }

  /**
   * Reads the limits from a configuration section, each key falling back to {@link #DEFAULTS}: {@code
   * max_points_per_request}, {@code max_tags_per_metric}, {@code max_name_length}, {@code max_metrics_per_batch},
   * {@code max_json_depth}.
   *
   * @param conf the section, or null for the defaults
   * @throws IllegalArgumentException if a value is out of range
   */
  public static IngestLimits fromConfig(JsonObject conf) {
    if (conf == null) {
      return DEFAULTS;
    }
    return new IngestLimits(
      conf.getInteger("max_points_per_request", DEFAULTS.maxPointsPerRequest),
      conf.getInteger("max_tags_per_metric", DEFAULTS.maxTagsPerMetric),
      conf.getInteger("max_name_length", DEFAULTS.maxNameLength),
      conf.getInteger("max_metrics_per_batch", DEFAULTS.maxMetricsPerBatch),
      conf.getInteger("max_json_depth", DEFAULTS.maxJsonDepth));
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
