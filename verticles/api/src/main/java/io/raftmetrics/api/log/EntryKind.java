package io.raftmetrics.api.log;

import io.raftmetrics.api.codec.MalformedEntryException;

/**
 * The kinds of Raft log entry. Every entry starts with {@link #FORMAT_VERSION} then the kind's code.
 */
public enum EntryKind {
  /** A batch of points ({@link io.raftmetrics.api.ingest.IngestBatch}). */
  INGEST(1),
  /** A delete of points by metric, tags and time range ({@link DeleteEntry}). */
  DELETE(2),
  /** A consumer's durable position in the committed stream ({@link WatermarkEntry}). */
  WATERMARK(3);

  /** Version of the binary layout; a reader refuses other versions. */
  public static final int FORMAT_VERSION = 1;

  private final int code;

  EntryKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * @param entry the bytes of a log entry
   * @return its kind
   * @throws MalformedEntryException if the header is not ours
   */
  public static EntryKind of(byte[] entry) {
    if (entry.length < 2 || entry[0] != FORMAT_VERSION) {
      throw new MalformedEntryException("not a raftmetrics v" + FORMAT_VERSION + " entry");
    }
    switch (entry[1]) {
      case 1: return INGEST;
      case 2: return DELETE;
      case 3: return WATERMARK;
      default: throw new MalformedEntryException("unknown entry kind " + entry[1]);
    }
  }
}
