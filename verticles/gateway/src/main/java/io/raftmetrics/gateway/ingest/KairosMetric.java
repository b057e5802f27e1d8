package io.raftmetrics.gateway.ingest;

import com.google.gson.JsonElement;

import java.util.Map;

/**
 * One metric object of a KairosDB ingest body as Gson would have bound it to KairosDB's {@code NewMetric}: the same
 * fields with the same defaults and the same "last occurrence wins" rule. Reused for every object of a request.
 */
final class KairosMetric {

  /** The array element was JSON {@code null} rather than an object. */
  boolean isNull;
  String name;
  Long timestamp;
  Long time;
  /** The {@code value} field, or null when absent (a JSON null is {@code JsonNull}). */
  JsonElement value;
  Map<String, String> tags;
  /** False when {@code datapoints} is absent or null. */
  boolean hasDatapoints;
  final PointBuffer points = new PointBuffer();
  boolean skipValidate;
  String type;
  int ttl;

  void reset() {
    isNull = false;
    name = null;
    timestamp = null;
    time = null;
    value = null;
    tags = null;
    hasDatapoints = false;
    points.clear();
    skipValidate = false;
    type = null;
    ttl = 0;
  }

  /** KairosDB's {@code getTimestamp()}: {@code time} wins over {@code timestamp}. */
  Long effectiveTimestamp() {
    return time != null ? time : timestamp;
  }
}
