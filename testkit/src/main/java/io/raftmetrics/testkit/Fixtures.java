package io.raftmetrics.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access to the recordings of a real KairosDB 1.3 in {@code ../shared/fixtures/kairosdb} (beside the checkout).
 * Surefire passes the location as the system property {@code shared.dir}; otherwise it is searched upwards from the
 * working directory.
 */
public final class Fixtures {

  private Fixtures() {
  }

  /** @return the {@code shared} directory */
  public static Path sharedDir() {
    String prop = System.getProperty("shared.dir");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    Path p = Paths.get("").toAbsolutePath();
    while (p != null) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("fixtures"))) {
        return candidate.normalize();
      }
      p = p.getParent();
    }
    throw new IllegalStateException("../shared not found (set -Dshared.dir)");
  }

  /** @return {@code shared/fixtures/kairosdb} */
  public static Path kairosDir() {
    return sharedDir().resolve("fixtures").resolve("kairosdb");
  }

  public static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonElement json(String relative) {
    return JsonParser.parseString(read(kairosDir().resolve(relative)));
  }

  /**
   * One recorded request and KairosDB's answer.
   *
   * @param name file stem, e.g. {@code 009-ingest-missing-name}
   * @param method HTTP method
   * @param path request path
   * @param headers request headers (empty for the query set's plain bodies)
   * @param body exact request body text, or null when the recording has a {@code body_note} instead
   * @param request the whole request file
   * @param status KairosDB's status
   * @param contentType KairosDB's content type, or null
   * @param responseBody KairosDB's exact body text
   */
  public record Case(String name, String method, String path, Map<String, String> headers, String body,
                     JsonObject request, int status, String contentType, String responseBody) {
  }

  /**
   * The exact body of a recorded request. One recording stores a note instead of its 100,000-point body
   * ({@code [{"name":"inv.huge",...,"datapoints":[[T+i,i] for i in 0..99999]}]}); it is rebuilt here with the
   * separators the note's byte count implies.
   */
  public static String requestBody(Case c) {
    if (c.body() != null) {
      return c.body();
    }
    if (!c.request().has("body_note")) {
      return "";
    }
    String note = c.request().get("body_note").getAsString();
    if (!note.contains("[[T+i,i] for i in 0..99999]") || !note.contains("T=1640304000000")) {
      throw new IllegalStateException("unknown body note in " + c.name() + ": " + note);
    }
    StringBuilder sb = new StringBuilder("[{\"name\": \"inv.huge\", \"tags\": {\"h\": \"a\"}, \"datapoints\": [");
    for (int i = 0; i < 100_000; i++) {
      sb.append(i == 0 ? "" : ", ").append('[').append(1640304000000L + i).append(", ").append(i).append(']');
    }
    return sb.append("]}]").toString();
  }

  /**
   * The cases of a folder ({@code bad-input} or {@code queries}) in recorded order, from its {@code index.json}.
   */
  public static List<Case> cases(String folder) {
    Path dir = kairosDir().resolve(folder);
    JsonArray index = JsonParser.parseString(read(dir.resolve("index.json"))).getAsJsonArray();
    List<Case> out = new ArrayList<>();
    for (JsonElement e : index) {
      JsonObject entry = e.getAsJsonObject();
      String name = entry.get("file").getAsString();
      JsonElement req = JsonParser.parseString(read(dir.resolve(name + ".request.json")));
      JsonObject resp = JsonParser.parseString(read(dir.resolve(name + ".response.json"))).getAsJsonObject();
      String method = entry.get("method").getAsString();
      String path = entry.get("path").getAsString();
      Map<String, String> headers = new LinkedHashMap<>();
      String body;
      JsonObject reqObj;
      if (req.isJsonObject() && req.getAsJsonObject().has("method") && req.getAsJsonObject().has("path")) {
        reqObj = req.getAsJsonObject();
        if (reqObj.has("headers")) {
          reqObj.getAsJsonObject("headers").entrySet().forEach(h -> headers.put(h.getKey(), h.getValue().getAsString()));
        }
        body = reqObj.has("body") && !reqObj.get("body").isJsonNull() ? reqObj.get("body").getAsString() : null;
      } else {
        // The query set stores POST bodies as plain JSON.
        reqObj = new JsonObject();
        reqObj.add("body", req);
        body = req.toString();
      }
      JsonElement ct = resp.get("content_type");
      out.add(new Case(name, method, path, headers, body, reqObj, resp.get("status").getAsInt(),
        ct == null || ct.isJsonNull() ? null : ct.getAsString(), resp.get("body").getAsString()));
    }
    return out;
  }
}
