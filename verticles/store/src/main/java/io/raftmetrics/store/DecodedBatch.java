package io.raftmetrics.store;

import io.raftmetrics.api.ingest.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ingest batch decoded and validated, ready to write: its points by type, the distinct series it touches with
 * their highest timestamp once it is applied, and the series it creates. Nothing in here is committed; the applier
 * publishes it to the dictionary only after the DuckDB transaction commits.
 */
final class DecodedBatch {

  final PointBuffer longs = new PointBuffer(DataType.LONG);
  final PointBuffer doubles = new PointBuffer(DataType.DOUBLE);
  final PointBuffer strings = new PointBuffer(DataType.STRING);

  /** Distinct series of the batch, indexed by {@link SeriesSlot#local}. */
  SeriesSlot[] slots = new SeriesSlot[128];
  long[] maxTs = new long[128];
  boolean[] hasPoints = new boolean[128];
  /** Highest timestamp stored before this batch, to tell which series rows need a new {@code max_ts}. */
  long[] previousMaxTs = new long[128];
  boolean[] previousHasPoints = new boolean[128];
  int seriesCount;

  final List<SeriesSlot> created = new ArrayList<>();
  final Map<SeriesKey, SeriesSlot> createdByKey = new HashMap<>();
  long stamp;
  int nextSid;
  int points;

  PointBuffer buffer(DataType type) {
    switch (type) {
      case LONG: return longs;
      case DOUBLE: return doubles;
      default: return strings;
    }
  }

  /** @return the local index given to a slot seen for the first time in this batch */
  int touch(SeriesSlot slot) {
    if (slot.stamp == stamp) {
      return slot.local;
    }
    if (seriesCount == slots.length) {
      int n = seriesCount * 2;
      slots = Arrays.copyOf(slots, n);
      maxTs = Arrays.copyOf(maxTs, n);
      hasPoints = Arrays.copyOf(hasPoints, n);
      previousMaxTs = Arrays.copyOf(previousMaxTs, n);
      previousHasPoints = Arrays.copyOf(previousHasPoints, n);
    }
    int i = seriesCount++;
    slot.stamp = stamp;
    slot.local = i;
    slots[i] = slot;
    maxTs[i] = slot.maxTs;
    hasPoints[i] = slot.hasPoints;
    previousMaxTs[i] = slot.maxTs;
    previousHasPoints[i] = slot.hasPoints;
    return i;
  }

  boolean hasStaged() {
    return longs.stagedCount + doubles.stagedCount + strings.stagedCount > 0;
  }

  /** Prepares for the next batch. */
  void reset(long newStamp, int firstSid) {
    longs.clear();
    doubles.clear();
    strings.clear();
    Arrays.fill(slots, 0, seriesCount, null);
    seriesCount = 0;
    created.clear();
    createdByKey.clear();
    stamp = newStamp;
    nextSid = firstSid;
    points = 0;
  }

  /** Writes the batch's outcome into the slots; called once the transaction committed. */
  void publish() {
    for (int i = 0; i < seriesCount; i++) {
      slots[i].maxTs = maxTs[i];
      slots[i].hasPoints = hasPoints[i];
    }
  }
}
