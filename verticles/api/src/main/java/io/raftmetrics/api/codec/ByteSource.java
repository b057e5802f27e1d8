package io.raftmetrics.api.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteSink} writes, from a byte array slice. Every read checks bounds and throws
 * {@link MalformedEntryException} instead of running past the end, because entries may come from disk or the network.
 */
public final class ByteSource {

  private final byte[] buf;
  private final int end;
  private int pos;

  public ByteSource(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public ByteSource(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  public int position() {
    return pos;
  }

  public void position(int p) {
    pos = p;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  private void need(int n) {
    if (n < 0 || end - pos < n) {
      throw new MalformedEntryException("truncated entry at byte " + pos);
    }
  }

  public int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  public int i32() {
    need(4);
    int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  public long i64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos + i] & 0xff);
    }
    pos += 8;
    return v;
  }

  public double f64() {
    return Double.longBitsToDouble(i64());
  }

  public long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new MalformedEntryException("varint too long at byte " + pos);
  }

  public long zigzag() {
    long v = varint();
    return (v >>> 1) ^ -(v & 1);
  }

  /** A varint that must fit a non-negative int (lengths and counts). */
  public int length() {
    long v = varint();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new MalformedEntryException("bad length " + v + " at byte " + pos);
    }
    return (int) v;
  }

  public byte[] blob() {
    int n = length();
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  public String utf8() {
    int n = length();
    need(n);
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  public void skip(int n) {
    need(n);
    pos += n;
  }
}
