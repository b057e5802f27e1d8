package io.raftmetrics.store;

/** A position in the Raft log. */
public record TermIndex(long term, long index) {
  public static final TermIndex INITIAL = new TermIndex(0, 0);
}
