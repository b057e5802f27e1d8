package io.raftmetrics.store;

/**
 * What applying one entry did.
 *
 * @param points points written (0 for skipped entries and non-ingest entries)
 * @param duplicate true if the entry was skipped: its index was already applied or its batch id was seen before
 * @param newSeries series created by this entry
 */
public record ApplyOutcome(int points, boolean duplicate, int newSeries) {
  public static final ApplyOutcome SKIPPED = new ApplyOutcome(0, true, 0);
  public static final ApplyOutcome NONE = new ApplyOutcome(0, false, 0);
}
