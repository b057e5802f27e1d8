package io.raftmetrics.gateway.kairos;

import io.raftmetrics.gateway.kairos.ComponentSpec.Builder;
import io.raftmetrics.gateway.kairos.ComponentSpec.Kind;

import java.util.Map;
import java.util.TreeMap;

/** The aggregators and group-bys KairosDB 1.3 offers (the ones {@code /api/v1/features} lists), by name. */
final class Components {

  private static final String AGG = "org.kairosdb.core.aggregator.";
  private static final String GROUP = "org.kairosdb.core.groupby.";

  static final Map<String, ComponentSpec> AGGREGATORS = aggregators();
  static final Map<String, ComponentSpec> GROUP_BYS = groupBys();

  private Components() {
  }

  private static Map<String, ComponentSpec> aggregators() {
    Map<String, ComponentSpec> m = new TreeMap<>();
    String[][] ranges = {{"avg", "AvgAggregator"}, {"sum", "SumAggregator"}, {"min", "MinAggregator"},
      {"max", "MaxAggregator"}, {"count", "CountAggregator"}, {"first", "FirstAggregator"},
      {"last", "LastAggregator"}, {"least_squares", "LeastSquaresAggregator"},
      {"gaps", "DataGapsMarkingAggregator"}};
    for (String[] r : ranges) {
      put(m, new Builder(r[0], AGG + r[1], Kind.RANGE).range());
    }
    put(m, new Builder("dev", AGG + "StdAggregator", Kind.RANGE).range()
      .prop("return_type", KairosGson.ReturnType.class).prop("dev_count", long.class));
    put(m, new Builder("percentile", AGG + "PercentileAggregator", Kind.RANGE).range()
      .prop("percentile", double.class));
    put(m, new Builder("rate", AGG + "RateAggregator", Kind.RATE).prop("sampling", QueryFields.Duration.class)
      .prop("unit", KairosTimeUnit.class).prop("time_zone", KairosGson.Zone.class));
    put(m, new Builder("sampler", AGG + "SamplerAggregator", Kind.SAMPLER).prop("unit", KairosTimeUnit.class)
      .prop("time_zone", KairosGson.Zone.class));
    put(m, new Builder("diff", AGG + "DiffAggregator", Kind.SIMPLE));
    put(m, new Builder("div", AGG + "DivideAggregator", Kind.SIMPLE).prop("divisor", double.class));
    put(m, new Builder("scale", AGG + "ScaleAggregator", Kind.SIMPLE).prop("factor", double.class));
    put(m, new Builder("trim", AGG + "TrimAggregator", Kind.SIMPLE).prop("trim", KairosGson.TrimMode.class));
    put(m, new Builder("filter", AGG + "FilterAggregator", Kind.SIMPLE).prop("filter_op", KairosGson.FilterOp.class)
      .prop("threshold", ComponentSpec.JSON));
    put(m, new Builder("sma", AGG + "SmaAggregator", Kind.SIMPLE).prop("size", int.class));
    put(m, new Builder("score", AGG + "ScoreAggregator", Kind.SIMPLE)
      .prop("thresholds", ComponentSpec.Threshold[].class).prop("order", KairosGson.ScoreOrder.class));
    put(m, new Builder("save_as", AGG + "SaveAsAggregator", Kind.SIMPLE).prop("metric_name", String.class)
      .prop("tags", ComponentSpec.MAP).prop("ttl", int.class).prop("add_saved_from", boolean.class)
      .prop("group_bys", ComponentSpec.STRING_LIST).readOnly("tags_to_keep"));
    return Map.copyOf(m);
  }

  private static Map<String, ComponentSpec> groupBys() {
    Map<String, ComponentSpec> m = new TreeMap<>();
    put(m, new Builder("tag", GROUP + "TagGroupBy", Kind.GROUP_BY).prop("tags", ComponentSpec.STRING_LIST)
      .readOnly("tag_names").prop("start_date", long.class));
    put(m, new Builder("time", GROUP + "TimeGroupBy", Kind.GROUP_BY).prop("range_size", QueryFields.Duration.class)
      .prop("group_count", int.class).prop("start_date", long.class));
    put(m, new Builder("value", GROUP + "ValueGroupBy", Kind.GROUP_BY).prop("range_size", int.class)
      .prop("start_date", long.class));
    put(m, new Builder("bin", GROUP + "BinGroupBy", Kind.GROUP_BY).prop("bins", double[].class)
      .prop("start_date", long.class));
    return Map.copyOf(m);
  }

  private static void put(Map<String, ComponentSpec> m, Builder b) {
    ComponentSpec spec = b.build();
    m.put(spec.name(), spec);
  }
}
