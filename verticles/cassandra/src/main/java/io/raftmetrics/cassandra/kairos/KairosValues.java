package io.raftmetrics.cassandra.kairos;

import java.nio.charset.StandardCharsets;

/**
 * The {@code data_points.value} encodings of KairosDB's three bound data types, byte for byte as its
 * {@code DataOutput}-based writers produce them, and their decoders.
 *
 * <ul>
 *   <li>{@code kairos_long}: zig-zag, then unsigned LEB128 (1 to 10 bytes);</li>
 *   <li>{@code kairos_double}: 8 bytes IEEE-754 big-endian ({@code DataOutput.writeDouble}, so NaN is canonical);</li>
 *   <li>{@code kairos_string}: {@code DataOutput.writeUTF}, a 2-byte length then <em>modified</em> UTF-8 (NUL as
 *       {@code c0 80}, supplementary characters as two 3-byte surrogates), at most 65535 bytes.</li>
 * </ul>
 */
public final class KairosValues {

  /** Longest string {@code writeUTF} accepts, in encoded bytes. */
  public static final int MAX_UTF_BYTES = 65535;

  private KairosValues() {
  }

  public static byte[] encodeLong(long v) {
    long z = (v << 1) ^ (v >> 63);
    int n = 1;
    for (long t = z >>> 7; t != 0; t >>>= 7) {
      n++;
    }
    byte[] out = new byte[n];
    for (int i = 0; i < n - 1; i++) {
      out[i] = (byte) ((z & 0x7F) | 0x80);
      z >>>= 7;
    }
    out[n - 1] = (byte) z;
    return out;
  }

  public static byte[] encodeDouble(double v) {
    long bits = Double.doubleToLongBits(v);
    byte[] out = new byte[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = (byte) bits;
      bits >>>= 8;
    }
    return out;
  }

  /**
   * @return the {@code writeUTF} form of {@code s}
   * @throws IllegalArgumentException if it is longer than {@value #MAX_UTF_BYTES} bytes, which KairosDB cannot store
   *   either
   */
  public static byte[] encodeString(String s) {
    int len = modifiedUtf8Length(s);
    if (len > MAX_UTF_BYTES) {
      throw new IllegalArgumentException("string value of " + len + " bytes exceeds KairosDB's limit of "
        + MAX_UTF_BYTES);
    }
    byte[] out = new byte[2 + len];
    out[0] = (byte) (len >>> 8);
    out[1] = (byte) len;
    int p = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        out[p++] = (byte) c;
      } else if (c <= 0x07FF) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return out;
  }

  /** @return the length of {@code s} in modified UTF-8, the form {@code writeUTF} produces */
  public static int modifiedUtf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
    return n;
  }

  /** @return the long a {@code kairos_long} value holds */
  public static long decodeLong(byte[] b) {
    long z = 0;
    int shift = 0;
    for (byte x : b) {
      z |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    return (z >>> 1) ^ -(z & 1);
  }

  /** @return the double a {@code kairos_double} value holds */
  public static double decodeDouble(byte[] b) {
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (b[i] & 0xFF);
    }
    return Double.longBitsToDouble(bits);
  }

  /** @return the string a {@code kairos_string} value holds */
  public static String decodeString(byte[] b) {
    int len = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    StringBuilder sb = new StringBuilder(len);
    int p = 2;
    int end = 2 + len;
    while (p < end) {
      int x = b[p] & 0xFF;
      if (x < 0x80) {
        sb.append((char) x);
        p += 1;
      } else if ((x & 0xE0) == 0xC0) {
        sb.append((char) (((x & 0x1F) << 6) | (b[p + 1] & 0x3F)));
        p += 2;
      } else {
        sb.append((char) (((x & 0x0F) << 12) | ((b[p + 1] & 0x3F) << 6) | (b[p + 2] & 0x3F)));
        p += 3;
      }
    }
    return sb.toString();
  }

  /** @return {@code s} as standard UTF-8 (row keys and CQL text use it, unlike string values) */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
