package io.raftmetrics.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls of a Tiltfile (Starlark) with literal arguments: each call's positional strings and keyword arguments
 * (a string, or a list of strings). The Tiltfile is kept to literals so that its references can be checked.
 */
final class TiltfileModel {

  /** A top-level call such as {@code k8s_resource('x', port_forwards=['1:2'])}. */
  record Call(String function, List<String> positional, Map<String, List<String>> keywords) {

    String keyword(String name) {
      List<String> v = keywords.get(name);
      return v == null ? null : v.get(0);
    }

    List<String> list(String name) {
      return keywords.getOrDefault(name, List.of());
    }
  }

  private static final Pattern CALL_START = Pattern.compile("(?m)^([a-z_0-9]+)\\(");
  private static final Pattern STRING = Pattern.compile("'([^']*)'|\"([^\"]*)\"");
  private static final Pattern KEYWORD = Pattern.compile("^\\s*([a-z_]+)\\s*=\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern NESTED = Pattern.compile("([a-z_]+)\\(([^()]*)\\)");

  final List<Call> calls = new ArrayList<>();

  static TiltfileModel parse(String text) {
    TiltfileModel m = new TiltfileModel();
    String code = text.replaceAll("(?m)^\\s*#.*$", "");
    Matcher start = CALL_START.matcher(code);
    while (start.find()) {
      int open = start.end() - 1;
      int close = matching(code, open);
      m.calls.add(call(start.group(1), code.substring(open + 1, close)));
    }
    return m;
  }

  List<Call> calls(String function) {
    return calls.stream().filter(c -> c.function().equals(function)).toList();
  }

  Call only(String function) {
    List<Call> c = calls(function);
    if (c.size() != 1) {
      throw new AssertionError("expected one " + function + "(...) in the Tiltfile, found " + c.size());
    }
    return c.get(0);
  }

  /** Nested calls inside an argument, e.g. {@code sync('a', 'b')} in {@code live_update=[...]}, as function+strings. */
  static List<Call> nested(String text) {
    List<Call> out = new ArrayList<>();
    Matcher n = NESTED.matcher(text);
    while (n.find()) {
      out.add(new Call(n.group(1), strings(n.group(2)), Map.of()));
    }
    return out;
  }

  private static Call call(String function, String args) {
    List<String> positional = new ArrayList<>();
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    for (String arg : split(args)) {
      Matcher kw = KEYWORD.matcher(arg);
      if (kw.matches()) {
        String value = kw.group(2).trim();
        keywords.put(kw.group(1), value.startsWith("[") && NESTED.matcher(value).find()
          ? List.of(value) : strings(value));
      } else if (!arg.isBlank()) {
        positional.add(arg.trim());
      }
    }
    List<String> plain = new ArrayList<>();
    for (String p : positional) {
      List<String> s = strings(p);
      plain.add(s.size() == 1 && p.matches("^['\"].*['\"]$") ? s.get(0) : p);
    }
    return new Call(function, plain, keywords);
  }

  private static List<String> strings(String text) {
    List<String> out = new ArrayList<>();
    Matcher s = STRING.matcher(text);
    while (s.find()) {
      out.add(s.group(1) != null ? s.group(1) : s.group(2));
    }
    return out;
  }

  /** Top-level comma-separated arguments (commas inside brackets, parentheses or strings do not split). */
  private static List<String> split(String args) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    StringBuilder cur = new StringBuilder();
    for (char ch : args.toCharArray()) {
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '[' || ch == '(') {
        depth++;
      } else if (ch == ']' || ch == ')') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(ch);
    }
    out.add(cur.toString());
    return out;
  }

  private static int matching(String code, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses in the Tiltfile");
  }
}
