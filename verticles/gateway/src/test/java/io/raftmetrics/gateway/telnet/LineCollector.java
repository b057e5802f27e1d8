package io.raftmetrics.gateway.telnet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link LineFramer.Sink} that keeps the lines as ISO-8859-1 text, and a marker for each line too long. */
final class LineCollector implements LineFramer.Sink {

  final List<String> lines = new ArrayList<>();

  @Override
  public boolean line(byte[] b, int from, int to) {
    lines.add(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    return true;
  }

  @Override
  public void tooLong(long length) {
    lines.add("<too long: " + length + ">");
  }
}
