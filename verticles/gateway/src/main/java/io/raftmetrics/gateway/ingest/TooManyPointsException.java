package io.raftmetrics.gateway.ingest;

/** The request carries more points than {@link IngestLimits#maxPointsPerRequest()}; it is refused as a whole. */
final class TooManyPointsException extends Exception {

  TooManyPointsException(int limit) {
    super("Too many data points in one request: more than " + limit, null, false, false);
  }
}
