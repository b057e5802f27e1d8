package io.raftmetrics.api.kairos;

import java.nio.charset.StandardCharsets;

/**
 * A fragment of a response already rendered as JSON text (KairosDB's number formatting is part of the contract, so
 * the query role renders it and the gateway only concatenates fragments).
 *
 * @param utf8 the JSON text as UTF-8 bytes
 */
public record RenderedJson(byte[] utf8) {

  public static RenderedJson of(String json) {
    return new RenderedJson(json.getBytes(StandardCharsets.UTF_8));
  }

  public String text() {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
