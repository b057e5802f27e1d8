package io.raftmetrics.store;

import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.api.ingest.IngestBatchReader;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decodes and validates a whole ingest batch before anything is written, so a malformed entry changes nothing. While
 * decoding it resolves series ids (creating tentative ones) and marks every point that is not strictly above
 * everything stored or seen so far for its series: those take the overwrite path, all others are appended.
 */
final class IngestDecoder {

  private final SeriesDictionary dictionary;
  private final SeriesKey probe = SeriesKey.probe();
  private long stamp;

  IngestDecoder(SeriesDictionary dictionary) {
    this.dictionary = dictionary;
  }

  /**
   * @throws MalformedEntryException if the batch does not decode or breaks the format's rules
   */
  void decode(IngestBatch batch, DecodedBatch out) {
    out.reset(++stamp, dictionary.nextSid());
    IngestBatchReader reader = batch.reader();
    try {
      while (reader.nextSeries()) {
        if (reader.points() > 0) {
          readSeries(reader, out);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException(e.getMessage());
    }
    if (out.points != batch.pointCount()) {
      throw new MalformedEntryException("batch header announces " + batch.pointCount() + " points, found "
        + out.points);
    }
  }

  private void readSeries(IngestBatchReader reader, DecodedBatch out) {
    SeriesSlot slot = resolve(reader, out);
    int local = out.touch(slot);
    int sid = slot.info.sid();
    PointBuffer buffer = out.buffer(reader.type());
    DataType type = reader.type();
    while (reader.nextPoint()) {
      long ts = reader.timestamp();
      boolean append = !out.hasPoints[local] || ts > out.maxTs[local];
      if (append) {
        out.maxTs[local] = ts;
        out.hasPoints[local] = true;
      }
      switch (type) {
        case LONG -> buffer.addLong(sid, ts, reader.longValue(), !append);
        case DOUBLE -> buffer.addDouble(sid, ts, reader.doubleValue(), !append);
        default -> buffer.addString(sid, ts, reader.stringValue(), !append);
      }
      out.points++;
    }
  }

  /** A known series is found by its encoded bytes; only a new one has its names decoded and checked. */
  private SeriesSlot resolve(IngestBatchReader reader, DecodedBatch out) {
    probe.set(reader.array(), reader.seriesKeyOffset(), reader.seriesKeyLength());
    SeriesSlot slot = dictionary.get(probe);
    if (slot == null) {
      slot = out.createdByKey.get(probe);
    }
    if (slot == null) {
      String metric = reader.metric();
      String[] keys = reader.tagKeys();
      String[] values = reader.tagValues();
      if (metric.isEmpty()) {
        throw new MalformedEntryException("empty metric name");
      }
      for (int i = 1; i < keys.length; i++) {
        if (keys[i - 1].compareTo(keys[i]) >= 0) {
          throw new MalformedEntryException("tags of " + metric + " are not sorted by key or repeat a key");
        }
      }
      SeriesKey key = probe.copy();
      // Series are found by their bytes, so two encodings of the same names (invalid or overlong UTF-8) must not
      // both exist: a new series must be spelled exactly as its names encode.
      if (!key.equals(SeriesKey.of(IngestBatchWriter.seriesKey(metric, keys, values, reader.type())))) {
        throw new MalformedEntryException("series " + metric + " is not encoded as canonical UTF-8");
      }
      if (out.nextSid == Integer.MAX_VALUE) {
        throw new StoreException("series id space exhausted", null);
      }
      SortedMap<String, String> tags = new TreeMap<>();
      for (int i = 0; i < keys.length; i++) {
        tags.put(keys[i], values[i]);
      }
      SeriesInfo info = new SeriesInfo(out.nextSid++, metric, Collections.unmodifiableSortedMap(tags), reader.type());
      slot = new SeriesSlot(info, key, 0, false);
      out.created.add(slot);
      out.createdByKey.put(key, slot);
    }
    return slot;
  }
}
