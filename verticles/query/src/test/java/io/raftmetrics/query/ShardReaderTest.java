package io.raftmetrics.query;

import io.raftmetrics.store.DuckReplica;
import io.raftmetrics.store.Replica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ShardReaderTest {

  private static final String SLOW = "SELECT count(*) FROM range(1000000000000) t(x) WHERE x % 7 = 3";

  @TempDir
  Path dir;

  @Test
  void statementsAreCancelledAfterTheTimeLimitAndTheReaderStaysUsable() throws Exception {
    try (Replica replica = DuckReplica.open(0, dir.resolve("r.duckdb"), null);
         ShardReader reader = ShardReader.open(replica, 1)) {
      long start = System.nanoTime();
      Throwable failure = catchThrowable(() -> reader.read(r -> {
        try (PreparedStatement ps = r.prepare(SLOW)) {
          return ps.executeQuery().next();
        }
      }));

      assertThat(failure).isInstanceOf(SQLTimeoutException.class);
      assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
      reader.ping();
    }
  }
}
