package io.raftmetrics.deploy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each compose service runs when the topology runs as local processes: a loopback address of its own,
 * {@code 127.A.B.x} with {@code x} the last byte of its compose address and {@code A.B} random per run (so runs on
 * one machine do not collide). The only change to a service's environment is that its hosts (service names and
 * compose addresses) become these loopback addresses, wherever the value is an address: {@code WORKER_HOSTS} (the
 * host after {@code @}), and the {@code RAFTMETRICS_*} keys ending in {@code HOST}, {@code MEMBERS} or
 * {@code CONTACT_POINTS}. Linux routes all of 127.0.0.0/8 to the loopback interface, so nothing has to be set up
 * for a process to bind one of these addresses (Hazelcast is told its own with {@code hazelcast.local.localAddress}).
 */
final class LoopbackTopology {

  private static final Pattern HOST_KEY = Pattern.compile("WORKER_HOSTS|RAFTMETRICS_.*(HOST|__MEMBERS|__CONTACT_POINTS)");
  /** An address entry: optional {@code id@}, host, optional {@code :port}, inside a list or alone. */
  private static final Pattern ENTRY = Pattern.compile("(?<=^|[\\[,]\\s{0,8})([A-Za-z0-9_.-]+@)?([A-Za-z0-9_.-]+)(?=:\\d+|\\s*[\\],]|$)");

  final Map<String, String> hosts = new LinkedHashMap<>();
  final Map<String, String> address = new LinkedHashMap<>();

  LoopbackTopology(ComposeFile compose) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String prefix = "127." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + ".";
    for (ComposeFile.Service s : compose.services.values()) {
      String ip = s.ipv4();
      if (ip == null) {
        throw new AssertionError(s.name() + " has no fixed address on the compose network");
      }
      String loopback = prefix + ip.substring(ip.lastIndexOf('.') + 1);
      address.put(s.name(), loopback);
      hosts.put(s.name(), loopback);
      hosts.put(ip, loopback);
    }
  }

  /** A service's environment with its addresses rewritten to loopback; nothing else changes. */
  Map<String, String> environment(ComposeFile.Service s) {
    Map<String, String> env = new LinkedHashMap<>();
    s.environment().forEach((k, v) -> env.put(k, HOST_KEY.matcher(k).matches() ? rewrite(v) : v));
    return env;
  }

  /** The URL of a service's compose healthcheck, at its loopback address. */
  URI healthcheck(ComposeFile.Service s) {
    URI u = s.healthcheckUrl();
    return URI.create(u.getScheme() + "://" + hosts.getOrDefault(u.getHost(), u.getHost()) + ":" + u.getPort()
      + u.getPath());
  }

  String rewrite(String value) {
    Matcher m = ENTRY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String host = m.group(2);
      String replaced = hosts.getOrDefault(host, host);
      m.appendReplacement(out, Matcher.quoteReplacement((m.group(1) == null ? "" : m.group(1)) + replaced));
    }
    m.appendTail(out);
    return out.toString();
  }
}
