package io.raftmetrics.gateway.telnet;

/**
 * Cuts a byte stream into lines as KairosDB's Netty pipeline does ({@code DelimiterBasedFrameDecoder} with
 * {@code Delimiters.lineDelimiter()}, not failing fast): a line ends at {@code \n} or {@code \r\n}, which is not part
 * of it; a line longer than {@code maxLine} bytes is dropped whole, up to and including its end, and the lines after
 * it are read normally; bytes after the last line end when the connection closes are dropped. A line that arrives in
 * one chunk is handed over in place, without a copy; only a line split across chunks is assembled.
 */
final class LineFramer {

  /** Receives the lines; the bytes are only valid during the call. */
  interface Sink {

    /** @return false to stop: {@link #feed} then returns the position after this line */
    boolean line(byte[] b, int from, int to);

    /** A line of {@code length} bytes (without its end) exceeded the limit and was dropped. */
    void tooLong(long length);
  }

  private final int maxLine;
  /** The start of a line whose end has not arrived; one more byte than a line for a pending {@code \r}. */
  private final byte[] partial;
  private int partialLength;
  private boolean discarding;
  private long discarded;
  /** The last discarded byte was a {@code \r}, which is not counted if a {@code \n} follows. */
  private boolean discardedCr;

  LineFramer(int maxLine) {
    this.maxLine = maxLine;
    this.partial = new byte[maxLine + 1];
  }

  /**
   * Feeds {@code b[from, to)}.
   *
   * @return {@code to}, or the position after the line at which the sink asked to stop
   */
  int feed(byte[] b, int from, int to, Sink sink) {
    int pos = from;
    while (pos < to) {
      int nl = indexOfNewline(b, pos, to);
      if (nl < 0) {
        keep(b, pos, to);
        return to;
      }
      boolean go = true;
      if (discarding) {
        boolean cr = nl > pos ? b[nl - 1] == '\r' : discardedCr;
        sink.tooLong(discarded + (nl - pos) - (cr ? 1 : 0));
        discarding = false;
        discarded = 0;
      } else if (partialLength > 0) {
        go = assembled(b, pos, nl, sink);
      } else {
        int end = nl > pos && b[nl - 1] == '\r' ? nl - 1 : nl;
        if (end - pos > maxLine) {
          sink.tooLong(end - pos);
        } else {
          go = sink.line(b, pos, end);
        }
      }
      pos = nl + 1;
      if (!go) {
        return pos;
      }
    }
    return to;
  }

  /** @return true if bytes of an unfinished line are held (they are dropped if the connection closes now) */
  boolean hasPartialLine() {
    return partialLength > 0 || discarding;
  }

  private boolean assembled(byte[] b, int pos, int nl, LineFramer.Sink sink) {
    int total = partialLength + (nl - pos);
    int length = frameLength(b, pos, nl, total);
    if (length > maxLine) {
      partialLength = 0;
      sink.tooLong(length);
      return true;
    }
    int fromChunk = length - partialLength;
    if (fromChunk >= 0) {
      System.arraycopy(b, pos, partial, partialLength, fromChunk);
    }
    // A negative count means the held bytes end with the \r of this \r\n.
    partialLength = 0;
    return sink.line(partial, 0, length);
  }

  /** Length of the line ending at {@code nl} that has {@code total} bytes before the {@code \n}. */
  private int frameLength(byte[] b, int pos, int nl, int total) {
    boolean cr = nl > pos ? b[nl - 1] == '\r' : partial[partialLength - 1] == '\r';
    return cr ? total - 1 : total;
  }

  private void keep(byte[] b, int from, int to) {
    int n = to - from;
    if (discarding) {
      discarded += n;
      discardedCr = b[to - 1] == '\r';
    } else if (partialLength + n > partial.length) {
      // Too long whatever follows: drop it now, as Netty does, and report it when its end arrives.
      discarding = true;
      discarded = partialLength + (long) n;
      discardedCr = b[to - 1] == '\r';
      partialLength = 0;
    } else {
      System.arraycopy(b, from, partial, partialLength, n);
      partialLength += n;
    }
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
