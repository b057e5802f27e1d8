package io.raftmetrics.gateway.telnet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Series already validated, keyed by the raw bytes that decide them: a put line's metric word and the rest of the
 * line after its value ({@link Words#restStart()}), which splits into the same tag words in any line. A hit
 * therefore skips splitting, decoding, checking and sorting the tags. An open-addressing table, looked up without
 * allocating; when it holds {@code maxEntries} series it is emptied, which bounds its memory whatever a sender
 * invents. Two spellings of one series (other spacing or tag order) are two entries for the same series, which is
 * harmless. Not thread-safe: one per telnet server instance (one event loop).
 */
final class SeriesCache {

  private static final int INITIAL_SLOTS = 1024;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long K = 0x9e3779b97f4a7c15L;

  private final int maxEntries;
  private Series[] slots = new Series[INITIAL_SLOTS];
  private int size;

  SeriesCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** @return the series cached for the metric bytes {@code b[m0, m1)} and rest bytes {@code b[r0, r1)}, or null */
  Series find(byte[] b, int m0, int m1, int r0, int r1, int hash) {
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Series s = slots[i];
      if (s == null) {
        return null;
      }
      if (s.hash == hash && matches(s.key, b, m0, m1, r0, r1)) {
        return s;
      }
    }
  }

  void put(Series s) {
    if (size >= maxEntries) {
      slots = new Series[INITIAL_SLOTS];
      size = 0;
    } else if (size * 2 >= slots.length) {
      rehash(slots.length * 2);
    }
    insert(slots, s);
    size++;
  }

  int size() {
    return size;
  }

  private void rehash(int capacity) {
    Series[] grown = new Series[capacity];
    for (Series s : slots) {
      if (s != null) {
        insert(grown, s);
      }
    }
    slots = grown;
  }

  private static void insert(Series[] table, Series s) {
    int mask = table.length - 1;
    int i = s.hash & mask;
    while (table[i] != null) {
      i = (i + 1) & mask;
    }
    table[i] = s;
  }

  /** A hash of both ranges, eight bytes at a time, finished by murmur3's 64-bit finaliser. */
  static int hash(byte[] b, int m0, int m1, int r0, int r1) {
    long h = mix(m1 - m0, b, m0, m1);
    h = mix(h ^ (r1 - r0), b, r0, r1);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  private static long mix(long h, byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * K, 31);
    }
    long tail = 0;
    for (int shift = 0; i < to; i++, shift += 8) {
      tail |= (b[i] & 0xffL) << shift;
    }
    return Long.rotateLeft((h ^ tail) * K, 31);
  }

  /** The key: the metric's length (2 bytes), the metric, then the rest of the line. */
  static byte[] key(byte[] b, int m0, int m1, int r0, int r1) {
    int m = m1 - m0;
    byte[] key = new byte[2 + m + (r1 - r0)];
    key[0] = (byte) (m >>> 8);
    key[1] = (byte) m;
    System.arraycopy(b, m0, key, 2, m);
    System.arraycopy(b, r0, key, 2 + m, r1 - r0);
    return key;
  }

  private static boolean matches(byte[] key, byte[] b, int m0, int m1, int r0, int r1) {
    int m = m1 - m0;
    return key.length == 2 + m + (r1 - r0)
      && ((key[0] & 0xff) << 8 | (key[1] & 0xff)) == m
      && Arrays.equals(key, 2, 2 + m, b, m0, m1)
      && Arrays.equals(key, 2 + m, key.length, b, r0, r1);
  }
}
