package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.ingest.IngestBatch;

import java.util.List;

/**
 * What a simple-API {@code POST /metrics} or {@code POST /metrics/batch} body amounts to. Validation is
 * all-or-nothing: batches are present only with {@link Status#ACCEPTED}.
 *
 * @param status how to answer
 * @param batches one batch per shard that received points
 * @param fieldErrors the invalid fields ({@link Status#INVALID})
 * @param message the reason for {@link Status#MALFORMED} and {@link Status#TOO_LARGE}, else null
 * @param points points in the batches
 * @param metricName the metric of a single {@code POST /metrics}, else null
 */
public record SimpleIngestResult(Status status, List<IngestBatch> batches, List<FieldError> fieldErrors,
                                 String message, int points, String metricName) {

  public SimpleIngestResult {
    batches = List.copyOf(batches);
    fieldErrors = List.copyOf(fieldErrors);
  }

  static SimpleIngestResult malformed(String message) {
    return new SimpleIngestResult(Status.MALFORMED, List.of(), List.of(), message, 0, null);
  }

  /** The answer class, with the error envelope's {@code code} for the failures. */
  public enum Status {
    /** 201 once the batches are durable. */
    ACCEPTED(201, null),
    /** 400 with the field list in {@code details.fields}. */
    INVALID(400, "VALIDATION_ERROR"),
    /** 400: the body is not JSON, or not the expected shape. */
    MALFORMED(400, "INVALID_REQUEST"),
    /** 413: more metrics than {@link IngestLimits#maxMetricsPerBatch()}. */
    TOO_LARGE(413, "INVALID_REQUEST");

    private final int httpStatus;
    private final String errorCode;

    Status(int httpStatus, String errorCode) {
      this.httpStatus = httpStatus;
      this.errorCode = errorCode;
    }

    public int httpStatus() {
      return httpStatus;
    }

    /** @return the {@code code} of the error envelope, or null for {@link #ACCEPTED} */
    public String errorCode() {
      return errorCode;
    }
  }
}
