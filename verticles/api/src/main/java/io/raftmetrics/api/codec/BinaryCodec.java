package io.raftmetrics.api.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.util.function.Function;

/**
 * Event-bus codec for a type with a binary encoding (log entries). Across JVMs the encoded bytes travel
 * length-prefixed, so an ingest batch crosses the wire in exactly its Raft log form.
 *
 * @param <T> the payload type
 */
public final class BinaryCodec<T> implements MessageCodec<T, T> {

  private final String name;
  private final Function<T, byte[]> encode;
  private final Function<byte[], T> decode;

  public BinaryCodec(Class<T> type, Function<T, byte[]> encode, Function<byte[], T> decode) {
    this.name = "raftmetrics.bin." + type.getSimpleName();
    this.encode = encode;
    this.decode = decode;
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    byte[] bytes = encode.apply(t);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int len = buffer.getInt(pos);
    return decode.apply(buffer.getBytes(pos + 4, pos + 4 + len));
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
