package io.raftmetrics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** CPU time of a process from {@code /proc/<pid>/stat} (user + system), in microseconds. Linux only. */
final class ProcessCpu {

  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {
  }

  static long micros(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Paths.get("/proc", String.valueOf(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 1_000_000L / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
