package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.ingest.IngestBatch;

import java.util.List;

/**
 * What a {@code POST /api/v1/datapoints} body amounts to.
 *
 * <p>As in KairosDB, a request with errors may still carry valid points: with {@link Status#INVALID} the batches
 * hold every metric and point that passed, and they are to be written before answering 400 with the errors.
 *
 * @param status how to answer
 * @param batches one batch per shard that received points (empty for {@link Status#TOO_LARGE})
 * @param errors the texts of the {@code {"errors":[...]}} answer, in order; empty when {@link Status#ACCEPTED}
 * @param acceptedPoints points in the batches
 * @param rejectedPoints points the request offered that are not in the batches
 */
public record KairosIngestResult(Status status, List<IngestBatch> batches, List<String> errors, int acceptedPoints,
                                 int rejectedPoints) {

  public KairosIngestResult {
    batches = List.copyOf(batches);
    errors = List.copyOf(errors);
  }

  /** The answer class of a parsed request. */
  public enum Status {
    /** Every point is valid: 204 once the batches are written. */
    ACCEPTED(204),
    /** Some metrics or points were refused, or the body is not valid JSON: 400 {@code {"errors":[...]}}. */
    INVALID(400),
    /** The request exceeds {@link IngestLimits#maxPointsPerRequest()}; nothing is written: 413. */
    TOO_LARGE(413);

    private final int httpStatus;

    Status(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }
}
