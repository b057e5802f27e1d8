package io.raftmetrics.api.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte array with the primitives of the binary log format: fixed-width integers, unsigned
 * LEB128 varints, zig-zag varints and length-prefixed UTF-8. Positions can be reserved and patched later, which lets
 * a writer stream a block before it knows its count.
 */
public final class ByteSink {

  private byte[] buf;
  private int len;

  public ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public int position() {
    return len;
  }

  /** Drops everything written after {@code position}. */
  public void truncate(int position) {
    if (position < 0 || position > len) {
      throw new IllegalArgumentException("bad position " + position);
    }
    len = position;
  }

  private void ensure(int extra) {
    int need = len + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  public ByteSink u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  public ByteSink i32(int v) {
    ensure(4);
    putInt(len, v);
    len += 4;
    return this;
  }

  public ByteSink i64(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[len + i] = (byte) v;
      v >>>= 8;
    }
    len += 8;
    return this;
  }

  public ByteSink f64(double v) {
    return i64(Double.doubleToRawLongBits(v));
  }

  /** Unsigned LEB128, 1 to 10 bytes. */
  public ByteSink varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
    return this;
  }

  /** Zig-zag then LEB128, so small negative numbers stay short. */
  public ByteSink zigzag(long v) {
    return varint((v << 1) ^ (v >> 63));
  }

  public ByteSink bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  public ByteSink bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** Varint byte length followed by the bytes. */
  public ByteSink blob(byte[] b) {
    varint(b.length);
    return bytes(b);
  }

  /** Varint byte length followed by UTF-8. */
  public ByteSink utf8(String s) {
    return blob(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Overwrites 4 bytes at an earlier position. */
  public void putInt(int position, int v) {
    buf[position] = (byte) (v >>> 24);
    buf[position + 1] = (byte) (v >>> 16);
    buf[position + 2] = (byte) (v >>> 8);
    buf[position + 3] = (byte) v;
  }

  /** Appends everything written here to {@code out}. */
  public void copyTo(ByteSink out) {
    out.bytes(buf, 0, len);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}
