package io.raftmetrics.launcher;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.raftmetrics.launcher.config.NodeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.EnumSet;

/**
 * Builds the node's Vert.x instance: Micrometer metrics with a Prometheus registry (one per JVM, shared by the
 * Vert.x HTTP/event-bus metrics and the roles' own meters) and, when configured, the clustered event bus.
 */
final class VertxFactory {

  private VertxFactory() {
  }

  static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * The JVM's own health (heap, GC pauses, threads, CPU) next to Vert.x's and the roles' meters. Bound once Vert.x has
   * installed its meter filters on the registry, which Micrometer wants before any meter exists.
   */
  static void bindJvmMeters(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  static Future<Vertx> create(NodeConfig conf, PrometheusMeterRegistry registry) {
    EnumSet<Label> labels = EnumSet.copyOf(MicrometerMetricsOptions.DEFAULT_LABELS);
    // Addresses are a closed, small set (api.Addresses), so labelling by address is safe.
    labels.add(Label.EB_ADDRESS);
    labels.add(Label.EB_FAILURE);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setLabels(labels)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true));
    boolean clustered = conf.cluster().getBoolean("enabled", false);
    VertxOptions options = clustered ? Clustering.options(conf) : new VertxOptions();
    options.setMetricsOptions(metrics);
    VertxBuilder builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    Future<Vertx> vertx = clustered ? Clustering.configure(builder, conf).buildClustered()
      : Future.succeededFuture(builder.build());
    return vertx.onSuccess(v -> bindJvmMeters(registry));
  }
}
