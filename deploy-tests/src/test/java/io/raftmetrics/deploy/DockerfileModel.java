package io.raftmetrics.deploy;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile, grouped by stage, with continuation lines joined and comments dropped. Enough
 * to answer what the checks ask: base images, ENV, USER, COPY sources, ENTRYPOINT/CMD of a target.
 */
final class DockerfileModel {

  /** One instruction: keyword (upper case) and its argument text. */
  record Instruction(String keyword, String args) {
  }

  /** A build stage: {@code FROM base AS name}. */
  record Stage(String name, String base, List<Instruction> instructions) {

    List<String> args(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }
  }

  private static final Pattern FROM = Pattern.compile("(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

  final Map<String, Stage> stages = new LinkedHashMap<>();

  static DockerfileModel parse(String text) {
    DockerfileModel model = new DockerfileModel();
    List<Instruction> current = null;
    for (String line : logicalLines(text)) {
      int space = line.indexOf(' ');
      String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase();
      String args = space < 0 ? "" : line.substring(space + 1).trim();
      if (keyword.equals("FROM")) {
        Matcher m = FROM.matcher(args);
        if (!m.matches()) {
          throw new IllegalArgumentException("bad FROM: " + args);
        }
        current = new ArrayList<>();
        String name = m.group(2) == null ? "stage-" + model.stages.size() : m.group(2);
        model.stages.put(name, new Stage(name, m.group(1), current));
      } else if (current != null) {
        current.add(new Instruction(keyword, args));
      }
    }
    return model;
  }

  /** The stage built when no target is given: the last one. */
  Stage defaultTarget() {
    return new ArrayList<>(stages.values()).get(stages.size() - 1);
  }

  /** The stages a target is built from, its own base first ({@code FROM other-stage}). */
  List<Stage> chain(String target) {
    List<Stage> chain = new ArrayList<>();
    for (Stage s = stages.get(target); s != null; s = stages.get(s.base())) {
      chain.add(0, s);
    }
    return chain;
  }

  /** ENV of a target, inherited from the stages it is based on. */
  Map<String, String> env(String target) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Stage s : chain(target)) {
      for (String args : s.args("ENV")) {
        Matcher m = ENV_PAIR.matcher(args);
        while (m.find()) {
          String v = m.group(2);
          env.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1).replace("\\\"", "\"") : v);
        }
      }
    }
    return env;
  }

  /** The last value of an instruction along a target's chain (USER, ENTRYPOINT, CMD, WORKDIR). */
  String last(String target, String keyword) {
    String value = null;
    for (Stage s : chain(target)) {
      for (String v : s.args(keyword)) {
        value = v;
      }
    }
    return value;
  }

  /** The exec form {@code ["a", "b"]} of ENTRYPOINT or CMD as a list. */
  static List<String> execForm(String args) {
    JsonArray array = JsonParser.parseString(args).getAsJsonArray();
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static List<String> logicalLines(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && cur.length() == 0)) {
        continue;
      }
      if (line.endsWith("\\")) {
        cur.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      cur.append(line);
      if (cur.length() > 0) {
        lines.add(cur.toString().trim());
      }
      cur.setLength(0);
    }
    return lines;
  }
}
