package io.raftmetrics.store;

/**
 * The applier's mutable record of one series: its identity and the highest stored timestamp, which decides whether a
 * new point can simply be appended. Confined to the applying thread.
 */
final class SeriesSlot {

  final SeriesInfo info;
  final SeriesKey key;
  /** Highest stored timestamp; meaningful only when {@link #hasPoints}. */
  long maxTs;
  boolean hasPoints;
  /** Which decode last touched the slot, and the slot's position in that decode's arrays. */
  long stamp;
  int local;

  SeriesSlot(SeriesInfo info, SeriesKey key, long maxTs, boolean hasPoints) {
    this.info = info;
    this.key = key;
    this.maxTs = maxTs;
    this.hasPoints = hasPoints;
  }
}
