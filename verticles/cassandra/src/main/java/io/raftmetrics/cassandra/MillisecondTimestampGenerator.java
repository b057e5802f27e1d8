package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.time.TimestampGenerator;

/**
 * Client-side write timestamps in <em>milliseconds</em>, as KairosDB's driver set-up produces them. Cells written
 * by a KairosDB and by us must compare on one scale: a microsecond write would shadow every later KairosDB delete and
 * write of the same cell for ~50 years. The write path sets explicit timestamps on its statements; this generator
 * covers every other statement of the session (schema set-up, spec rows, watermarks).
 */
public final class MillisecondTimestampGenerator implements TimestampGenerator {

  /** Instantiated reflectively by the driver ({@code advanced.timestamp-generator.class}). */
  public MillisecondTimestampGenerator(DriverContext context) {
  }

  @Override
  public long next() {
    return System.currentTimeMillis();
  }

  @Override
  public void close() {
  }
}
