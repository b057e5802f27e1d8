package io.raftmetrics.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The applier's series dictionary: (metric, tags, type) to {@link SeriesSlot}. Series ids are handed out in the order
 * series first appear in the log, which makes them identical on every replica; the next id is persisted with the
 * applied position so that ids of deleted series are never reused. Confined to the applying thread.
 */
final class SeriesDictionary {

  private final Map<SeriesKey, SeriesSlot> byKey = new HashMap<>();
  private final Map<Integer, SeriesSlot> bySid = new HashMap<>();
  private int nextSid;

  SeriesSlot get(SeriesKey key) {
    return byKey.get(key);
  }

  SeriesSlot bySid(int sid) {
    return bySid.get(sid);
  }

  /** @return the id the next new series gets */
  int nextSid() {
    return nextSid;
  }

  /** Adds committed series and moves the id counter past them. */
  void addAll(Collection<SeriesSlot> slots, int newNextSid) {
    for (SeriesSlot s : slots) {
      byKey.put(s.key, s);
      bySid.put(s.info.sid(), s);
    }
    nextSid = newNextSid;
  }

  void removeAll(Collection<SeriesSlot> slots) {
    for (SeriesSlot s : slots) {
      byKey.remove(s.key, s);
      bySid.remove(s.info.sid(), s);
    }
  }

  /** Forgets everything; the caller reloads the committed state. */
  void clear(int newNextSid) {
    byKey.clear();
    bySid.clear();
    nextSid = newNextSid;
  }
}
