package io.raftmetrics.gateway.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class GzipBodiesTest {

  private static final int MIB = 1024 * 1024;

  @Test
  void roundTrips() {
    byte[] body = new byte[3 * MIB + 17];
    new Random(7).nextBytes(body);
    GunzipResult r = GzipBodies.gunzip(KairosDatasetTest.gzip(body), 4 * MIB);
    assertThat(r).isInstanceOf(GunzipResult.Body.class);
    assertThat(((GunzipResult.Body) r).bytes()).isEqualTo(body);
    assertThat(r.message()).isNull();
  }

  @Test
  void acceptsABodyOfExactlyTheCapAndAnEmptyOne() {
    byte[] body = "[]".repeat(1000).getBytes(StandardCharsets.UTF_8);
    assertThat(((GunzipResult.Body) GzipBodies.gunzip(KairosDatasetTest.gzip(body), body.length)).bytes())
      .isEqualTo(body);
    assertThat(GzipBodies.gunzip(KairosDatasetTest.gzip(body), body.length - 1))
      .isEqualTo(new GunzipResult.TooLarge(body.length - 1));
    assertThat(((GunzipResult.Body) GzipBodies.gunzip(KairosDatasetTest.gzip(new byte[0]), 10)).bytes()).isEmpty();
  }

  @Test
  void readsConcatenatedMembersAsOne() throws IOException {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(KairosDatasetTest.gzip("[1,".getBytes(StandardCharsets.UTF_8)));
    both.write(KairosDatasetTest.gzip("2]".getBytes(StandardCharsets.UTF_8)));
    GunzipResult r = GzipBodies.gunzip(both.toByteArray(), 100);
    assertThat(new String(((GunzipResult.Body) r).bytes(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
  }

  @Test
  void stopsAGzipBombAtTheCap() throws IOException {
    // 1 GiB of zeros: sixteen concatenated members of 64 MiB each, compressed once.
    byte[] member = gzipZeros(64 * MIB);
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    for (int i = 0; i < 16; i++) {
      bomb.write(member);
    }
    int cap = 16 * MIB;
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    GunzipResult r = GzipBodies.gunzip(bomb.toByteArray(), cap);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(r).isEqualTo(new GunzipResult.TooLarge(cap));
    assertThat(r.httpStatus()).isEqualTo(413);
    // The cap plus one chunk, the inflater's buffers and the bomb's copy made above.
    assertThat(allocated).isLessThan(cap + 2L * MIB + bomb.size());
  }

  @Test
  void refusesAPlainBodyDeclaredAsGzipWithKairosDbsMessage() {
    byte[] plain = "{\"name\": \"inv.fakegzip2\"}".getBytes(StandardCharsets.UTF_8);
    GunzipResult r = GzipBodies.decode(plain, "application/gzip", null, MIB);
    assertThat(r).isEqualTo(new GunzipResult.Invalid("Not in GZIP format"));
    assertThat(r.httpStatus()).isEqualTo(400);
    assertThat(GzipBodies.gunzip(new byte[0], MIB)).isEqualTo(new GunzipResult.Invalid("Not in GZIP format"));
    assertThat(GzipBodies.gunzip(new byte[] {0x1f}, MIB)).isEqualTo(new GunzipResult.Invalid("Not in GZIP format"));
  }

  @Test
  void refusesACorruptBody() {
    byte[] gz = KairosDatasetTest.gzip("[{\"name\":\"m\"}]".repeat(100).getBytes(StandardCharsets.UTF_8));
    GunzipResult truncated = GzipBodies.gunzip(Arrays.copyOf(gz, gz.length / 2), MIB);
    assertThat(truncated).isInstanceOf(GunzipResult.Invalid.class);
    assertThat(truncated.message()).isEqualTo("Unexpected end of ZLIB input stream");
    byte[] corrupt = gz.clone();
    corrupt[gz.length - 5] ^= 0x55;
    GunzipResult badTrailer = GzipBodies.gunzip(corrupt, MIB);
    assertThat(badTrailer).isInstanceOf(GunzipResult.Invalid.class);
    assertThat(badTrailer.message()).isNotBlank();
  }

  @Test
  void decidesFromTheHeadersAsKairosDb() {
    assertThat(GzipBodies.isGzip("application/gzip", null)).isTrue();
    assertThat(GzipBodies.isGzip("Application/GZIP; charset=utf-8", null)).isTrue();
    assertThat(GzipBodies.isGzip("application/json", "gzip")).isTrue();
    assertThat(GzipBodies.isGzip(null, "identity, GZIP")).isTrue();
    assertThat(GzipBodies.isGzip("application/json", null)).isFalse();
    assertThat(GzipBodies.isGzip("text/plain", "identity")).isFalse();
    byte[] plain = "[]".getBytes(StandardCharsets.UTF_8);
    assertThat(((GunzipResult.Body) GzipBodies.decode(plain, "application/json", null, 1)).bytes()).isSameAs(plain);
  }

  private static byte[] gzipZeros(int size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[MIB];
    try (GZIPOutputStream gz = new GZIPOutputStream(out, MIB)) {
      for (int i = 0; i < size / MIB; i++) {
        gz.write(zeros);
      }
    }
    return out.toByteArray();
  }
}
