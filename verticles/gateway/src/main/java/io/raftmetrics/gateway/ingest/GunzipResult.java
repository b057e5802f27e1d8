package io.raftmetrics.gateway.ingest;

/**
 * The outcome of {@link GzipBodies#decode}: the body to parse, or why there is none.
 */
public sealed interface GunzipResult {

  /** @return the HTTP status to answer when this is not a {@link Body} */
  int httpStatus();

  /** @return the error text for the {@code errors} answer, or null for a {@link Body} */
  String message();

  /** The decompressed (or untouched) body. */
  record Body(byte[] bytes) implements GunzipResult {

    @Override
    public int httpStatus() {
      return 200;
    }

    @Override
    public String message() {
      return null;
    }
  }

  /** The body inflates beyond the cap: 413, and nothing beyond the cap was kept. */
  record TooLarge(int maxBytes) implements GunzipResult {

    @Override
    public int httpStatus() {
      return 413;
    }

    @Override
    public String message() {
      return "Request body too large: more than " + maxBytes + " bytes after decompression";
    }
  }

  /** The body is not gzip or is corrupt: 400 with the reason ({@code Not in GZIP format} as in KairosDB). */
  record Invalid(String message) implements GunzipResult {

    @Override
    public int httpStatus() {
      return 400;
    }
  }
}
