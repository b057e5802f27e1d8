package io.raftmetrics.gateway.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies that arrive gzip-compressed, as KairosDB accepts them on {@code POST /api/v1/datapoints}: when
 * {@code Content-Encoding} names {@code gzip}, and always with {@code Content-Type: application/gzip} (a body sent
 * uncompressed under that type is refused with KairosDB's {@code Not in GZIP format}).
 *
 * <p>Decompression stops as soon as the output passes a cap, holding it in fixed-size chunks, so a gzip bomb costs at
 * most the cap plus one chunk. Blocking-free but CPU-bound: run it where the parser runs.
 */
public final class GzipBodies {

  /** KairosDB's answer ({@code ZipException} text) for a body that does not start with the gzip magic. */
  public static final String NOT_GZIP = "Not in GZIP format";

  private static final int CHUNK = 64 * 1024;

  private GzipBodies() {
  }

  /**
   * @param contentType the {@code Content-Type} header, or null
   * @param contentEncoding the {@code Content-Encoding} header, or null
   * @return true if the body is to be gunzipped
   */
  public static boolean isGzip(String contentType, String contentEncoding) {
    if (contentType != null) {
      int semi = contentType.indexOf(';');
      String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
      if (media.equalsIgnoreCase("application/gzip")) {
        return true;
      }
    }
    if (contentEncoding != null) {
      for (String coding : contentEncoding.split(",")) {
        String c = coding.trim().toLowerCase(Locale.ROOT);
        if (c.equals("gzip") || c.equals("x-gzip")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Gunzips the body if the headers say so, else passes it through.
   *
   * @param maxBytes the largest decompressed body accepted
   */
  public static GunzipResult decode(byte[] body, String contentType, String contentEncoding, int maxBytes) {
    return isGzip(contentType, contentEncoding) ? gunzip(body, maxBytes) : new GunzipResult.Body(body);
  }

  /**
   * Decompresses a gzip body (several concatenated members are read as one, as {@link GZIPInputStream} does).
   *
   * @param maxBytes the largest decompressed size accepted
   */
  public static GunzipResult gunzip(byte[] body, int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
    }
    GZIPInputStream in;
    try {
      in = new GZIPInputStream(new ByteArrayInputStream(body), CHUNK);
    } catch (IOException e) {
      // No gzip magic (ZipException), or a header cut short, where KairosDB would answer a null message.
      return new GunzipResult.Invalid(NOT_GZIP);
    }
    List<byte[]> chunks = new ArrayList<>();
    int total = 0;
    try (in) {
      while (true) {
        byte[] chunk = new byte[(int) Math.min(CHUNK, (long) maxBytes - total + 1)];
        int filled = fill(in, chunk);
        if (filled == 0) {
          break;
        }
        total += filled;
        if (total > maxBytes) {
          return new GunzipResult.TooLarge(maxBytes);
        }
        chunks.add(filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled));
      }
    } catch (IOException e) {
      return new GunzipResult.Invalid(e.getMessage() == null ? "Corrupt gzip data" : e.getMessage());
    }
    if (chunks.size() == 1) {
      return new GunzipResult.Body(chunks.get(0));
    }
    byte[] out = new byte[total];
    int pos = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, out, pos, c.length);
      pos += c.length;
    }
    return new GunzipResult.Body(out);
  }

  /** Reads until the chunk is full or the stream ends. */
  private static int fill(GZIPInputStream in, byte[] chunk) throws IOException {
    int n = 0;
    while (n < chunk.length) {
      int r = in.read(chunk, n, chunk.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
  }
}
