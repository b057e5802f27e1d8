package io.raftmetrics.query.kairos;

import io.raftmetrics.store.SeriesInfo;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a series id to its position in a list of series without boxing: a dense array over the ids' range when it is
 * small (ids are assigned in order, so the series of a metric usually are close), a hash map otherwise.
 */
final class SidIndex {

  private static final int MAX_DENSE = 1 << 22;

  private final int min;
  private final int[] dense;
  private final Map<Integer, Integer> sparse;

  SidIndex(List<SeriesInfo> series) {
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (SeriesInfo s : series) {
      lo = Math.min(lo, s.sid());
      hi = Math.max(hi, s.sid());
    }
    this.min = lo;
    if (lo <= hi && (long) hi - lo < MAX_DENSE) {
      dense = new int[hi - lo + 1];
      Arrays.fill(dense, -1);
      sparse = null;
    } else {
      dense = null;
      sparse = new HashMap<>();
    }
    for (int i = 0; i < series.size(); i++) {
      if (dense != null) {
        dense[series.get(i).sid() - min] = i;
      } else {
        sparse.put(series.get(i).sid(), i);
      }
    }
  }

  /** @return the position of a series id listed at construction */
  int slotOf(int sid) {
    return dense != null ? dense[sid - min] : sparse.get(sid);
  }
}
