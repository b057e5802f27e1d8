package io.raftmetrics.gateway.kairos;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import io.raftmetrics.api.kairos.KairosMetricQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates the query JSON of {@code /api/v1/datapoints/query}, {@code /query/tags} and
 * {@code /datapoints/delete} into one {@link KairosMetricQuery} per {@code metrics[]} entry, with KairosDB's exact
 * messages and in KairosDB's order of checks (the first failure is the answer). Pure and thread-safe.
 */
public final class KairosQueryParser {

  static final String NO_JSON = "query json must not be null or empty";

  /**
   * @param json the request body or {@code query} parameter
   * @param now the request time, for relative times
   * @return the metric queries in request order (empty for {@code "metrics": []})
   * @throws QueryError with the 400 answer
   */
  public List<KairosMetricQuery> parse(String json, long now) throws QueryError {
    if (json == null || json.isBlank()) {
      throw QueryError.of(NO_JSON);
    }
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonSyntaxException e) {
      throw QueryError.of(e.getMessage());
    } catch (JsonParseException e) {
      throw QueryError.of("Invalid json: " + e.getMessage());
    }
    if (!root.isJsonObject()) {
      // KairosDB: 500 with this text
      throw QueryError.of("Not a JSON Object: " + root);
    }
    JsonObject obj = root.getAsJsonObject();
    QueryFields query = bindQuery(obj);
    checkPlugins("", obj.get("plugins"));
    JsonElement metrics = obj.get("metrics");
    if (metrics == null || metrics.isJsonNull()) {
      throw QueryError.violation("query", "metric[]", "must have a size of at least 1");
    }
    if (!metrics.isJsonArray()) {
      throw QueryError.violation("query", "metric[]", "must be an array");
    }
    String zone = query.timeZone == null ? null : query.timeZone.id();
    JsonArray array = metrics.getAsJsonArray();
    List<KairosMetricQuery> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(metric(i, array.get(i), query, zone, now));
    }
    return out;
  }

  private static QueryFields bindQuery(JsonObject obj) throws QueryError {
    QueryFields q;
    try {
      q = KairosGson.GSON.fromJson(obj, QueryFields.class);
    } catch (ContextualException e) {
      throw QueryError.violation("query", e.context(), e.getMessage());
    } catch (JsonSyntaxException e) {
      throw QueryError.of(e.getMessage());
    } catch (RuntimeException e) {
      throw QueryError.of("Invalid query: " + e.getMessage());
    }
    List<String> violations = q.violations();
    if (!violations.isEmpty()) {
      throw new QueryError(400, violations);
    }
    return q;
  }

  private static KairosMetricQuery metric(int i, JsonElement element, QueryFields query, String zone, long now)
    throws QueryError {
    String context = "query.metric[" + i + "]";
    MetricReader.Fields f = MetricReader.read(context, element);
    Long start = query.start(now);
    if (start == null) {
      throw QueryError.violation(context, "start_time", "relative or absolute time must be set");
    }
    long end = query.end(now);
    if (end < start) {
      throw QueryError.violation(context, "end_time", "must be greater than the start time");
    }
    JsonObject js = element.getAsJsonObject();
    List<io.vertx.core.json.JsonObject> groupBys = new ArrayList<>();
    JsonArray groupArray = array(context, "group_by", js.get("group_by"));
    for (int j = 0; j < groupArray.size(); j++) {
      groupBys.add(GroupByNormalizer.normalize(context, j, groupArray.get(j), start));
    }
    List<io.vertx.core.json.JsonObject> aggregators = new ArrayList<>();
    JsonArray aggArray = array(context, "aggregators", js.get("aggregators"));
    AggregatorNormalizer.Inherited inherited = new AggregatorNormalizer.Inherited(start, end, zone);
    for (int j = 0; j < aggArray.size(); j++) {
      aggregators.add(AggregatorNormalizer.normalize(context, j, aggArray.get(j), inherited));
    }
    checkPlugins(context, js.get("plugins"));
    boolean descending = false;
    JsonElement order = js.get("order");
    if (order != null) {
      String text = order.isJsonPrimitive() ? order.getAsString() : null;
      if (!"asc".equalsIgnoreCase(text) && !"desc".equalsIgnoreCase(text)) {
        throw QueryError.violation(context, "order", "must be either 'asc' or 'desc'");
      }
      descending = "desc".equalsIgnoreCase(text);
    }
    String alias = null;
    JsonElement a = js.get("alias");
    if (a != null && !a.isJsonNull()) {
      if (!a.isJsonPrimitive()) {
        throw QueryError.violation(context, "alias", "must be a string");
      }
      alias = a.getAsString();
    }
    if (f.limit() < 0) {
      // KairosDB: 500 from Cassandra, "LIMIT must be strictly positive"
      throw QueryError.violation(context, "limit", Violations.atLeast(0));
    }
    return new KairosMetricQuery(i, f.name(), f.tags(), groupBys, aggregators, f.excludeTags(), f.limit(),
      descending, alias, start, end, zone);
  }

  private static JsonArray array(String context, String field, JsonElement json) throws QueryError {
    if (json == null) {
      return new JsonArray();
    }
    if (!json.isJsonArray()) {
      throw QueryError.violation(context, field, "must be an array");
    }
    return json.getAsJsonArray();
  }

  /** No query plugin is installed: naming one is KairosDB's "invalid query plugin name". */
  private static void checkPlugins(String context, JsonElement plugins) throws QueryError {
    JsonArray array = array(context.isEmpty() ? "query" : context, "plugins", plugins);
    for (int i = 0; i < array.size(); i++) {
      JsonElement p = array.get(i);
      String name = p.isJsonObject() ? MetricReader.nameOf(p.getAsJsonObject()) : null;
      if (name == null || name.isEmpty()) {
        throw QueryError.violation(context, "plugins[" + i + "]", "must have a name");
      }
      throw QueryError.violation(context + ".plugins[" + i + "]", name, "invalid query plugin name");
    }
  }
}
