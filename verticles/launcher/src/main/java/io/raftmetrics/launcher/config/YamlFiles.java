package io.raftmetrics.launcher.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads YAML into Vert.x JSON, the form every verticle receives through {@code config()}. */
final class YamlFiles {

  private YamlFiles() {
  }

  static JsonObject read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("--conf", "cannot read " + file + " (" + e.getMessage() + ")", e);
    }
    return parse(text, file.toString());
  }

  /** Parses a YAML document whose top level must be a mapping; {@code source} names it in errors. */
  static JsonObject parse(String text, String source) {
    Object doc;
    try {
      doc = yaml().load(text);
    } catch (YAMLException e) {
      throw new ConfigException("--conf", source + " is not valid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    if (doc == null) {
      return new JsonObject();
    }
    if (!(doc instanceof Map)) {
      throw new ConfigException("--conf", source + " must hold a mapping at the top level");
    }
    return (JsonObject) toJson(doc);
  }

  /** Parses one value written in YAML flow syntax ({@code 8080}, {@code true}, {@code [a, b]}, {@code text}). */
  static Object scalar(String key, String text) {
    try {
      return toJson(yaml().load(text));
    } catch (YAMLException e) {
      throw new ConfigException(key, "not a valid value: " + text);
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }

  @SuppressWarnings("unchecked")
  private static Object toJson(Object o) {
    if (o instanceof Map<?, ?> map) {
      JsonObject json = new JsonObject();
      map.forEach((k, v) -> json.put(String.valueOf(k), toJson(v)));
      return json;
    }
    if (o instanceof List<?> list) {
      JsonArray json = new JsonArray();
      list.forEach(v -> json.add(toJson(v)));
      return json;
    }
    if (o instanceof java.util.Date d) {
      return d.toInstant().toString();
    }
    return o;
  }
}
