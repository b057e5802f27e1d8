package io.raftmetrics.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.raftmetrics.launcher.NodeLauncher;
import io.raftmetrics.launcher.config.ConfigLoader;
import io.raftmetrics.launcher.config.NodeConfig;
import io.raftmetrics.testkit.Ports;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real node started from the Kubernetes ConfigMap and the raft pod's environment answers every probe path the
 * manifests and docker-compose.yml use, and its gateway accepts exactly the tokens of the Secret, read from the files
 * the ConfigMap names.
 *
 * <p>Adapted to one JVM on loopback, and only this: the Secret's mount path becomes a directory holding the Secret's
 * keys as files, and environment overrides put every role in this one node (no clustering, a single Raft peer) on
 * free loopback ports with a temporary data directory.
 */
class ProbeEndpointsTest {

  static final String SECRET_MOUNT = "/var/run/secrets/raftmetrics";

  static NodeLauncher node;
  static Secret secret;
  static int management;
  static int http;
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start(@TempDir Path tmp) throws Exception {
    Manifests base = Manifests.load(Repo.path("k8s/base"));
    secret = base.get(Secret.class, "raftmetrics-secrets");
    Path secrets = Files.createDirectories(tmp.resolve("secrets"));
    for (Map.Entry<String, String> e : secret.getStringData().entrySet()) {
      Files.writeString(secrets.resolve(e.getKey()), e.getValue());
    }
    Manifests.Workload raft = base.workload("raftmetrics-raft");
    String text = PodConfigs.mountedFile(base, raft, PodConfigs.productContainer(raft), ImageFacts.release().configPath());
    assertThat(text).contains(SECRET_MOUNT);
    Path config = tmp.resolve("raftmetrics.yaml");
    Files.writeString(config, text.replace(SECRET_MOUNT, secrets.toString()));

    Map<String, String> env = new HashMap<>(new PodEnv("raftmetrics-raft-0", base.namespace(), "127.0.0.1",
      base.secrets(), base.configMaps()).of(PodConfigs.productContainer(raft)));
    management = Ports.free();
    http = Ports.free();
    env.put("NODE_ID", "probe-1");
    env.put("NODE_ROLE", "all");
    env.put("WORKER_HOSTS", "probe-1@127.0.0.1:" + Ports.free());
    env.put("RAFTMETRICS_CLUSTER__ENABLED", "false");
    env.put("RAFTMETRICS_RAFT__BIND_HOST", "127.0.0.1");
    env.put("RAFTMETRICS_MANAGEMENT__HOST", "127.0.0.1");
    env.put("RAFTMETRICS_MANAGEMENT__PORT", String.valueOf(management));
    env.put("RAFTMETRICS_GATEWAY__HOST", "127.0.0.1");
    env.put("RAFTMETRICS_GATEWAY__PORT", String.valueOf(http));
    env.put("RAFTMETRICS_NODE__DATA_DIR", tmp.resolve("data").toString());
    NodeConfig conf = ConfigLoader.load(List.of(config), env, new Properties());
    node = NodeLauncher.start(conf).await(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop().await(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyProbePathOfTheDeploymentFilesAnswers200() throws Exception {
    Set<String> paths = new TreeSet<>();
    for (Manifests.Workload w : Manifests.load(Repo.path("k8s/base")).workloads()) {
      Container c = PodConfigs.productContainer(w);
      if (c != null) {
        Stream.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())
          .map(Probe::getHttpGet).forEach(g -> paths.add(g.getPath()));
      }
    }
    paths.addAll(ComposeFile.load().healthcheckPaths());
    assertThat(paths).contains("/health/live", "/health/ready");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (String path : paths) {
      int status = get(path);
      while (status != 200 && System.nanoTime() < deadline) {
        Thread.sleep(250);
        status = get(path);
      }
      assertThat(status).as(path).isEqualTo(200);
    }
  }

  @Test
  void theGatewayTakesTheSecretsTokensWithTheirScopes() throws Exception {
    String admin = secret.getStringData().get("admin-token");
    String read = secret.getStringData().get("read-token");
    String body = "{\"metric_name\":\"probe.check\",\"value\":1.5}";
    assertThat(postMetric(body, "not-a-token")).isEqualTo(401);
    assertThat(postMetric(body, read)).isEqualTo(403);
    assertThat(postMetric(body, admin)).isEqualTo(201);
    assertThat(getGateway("/metrics/probe.check", read)).isEqualTo(200);

    JWTAuth jwt = JWTAuth.create(node.vertx(), new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm("HS256").setBuffer(secret.getStringData().get("jwt-hs256-secret"))));
    String token = jwt.generateToken(new JsonObject().put("sub", "deploy-test").put("scope", "read write"));
    assertThat(postMetric(body, token)).isEqualTo(201);
  }

  private static int get(String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + path))
      .timeout(Duration.ofSeconds(10));
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int getGateway(String path, String token) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path))
      .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
    return CLIENT.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int postMetric(String body, String token) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/metrics"))
      .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build();
    return CLIENT.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
