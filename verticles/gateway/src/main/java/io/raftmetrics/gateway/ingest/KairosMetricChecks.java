package io.raftmetrics.gateway.ingest;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The metric-level half of KairosDB's validation, in its order: name, the single form's value and timestamp, tags;
 * then our own limits and the TTL range. A metric that fails any of them contributes no point.
 */
final class KairosMetricChecks {

  /**
   * Cassandra refuses a TTL above 20 years, and the KairosDB schema gives index rows the point's TTL plus one row
   * width (1,814,400 s); a larger TTL would fail the whole Cassandra batch it lands in.
   */
  static final int MAX_TTL_SECONDS = 630_720_000 - 1_814_400;

  private final IngestLimits limits;

  KairosMetricChecks(IngestLimits limits) {
    this.limits = limits;
  }

  /**
   * @param index the object's position in the request ({@code metric[index]})
   * @param errors receives the messages, in order
   * @return the context for the metric's point messages ({@code metric[i](name=X)}), or null if it failed
   */
  String check(KairosMetric m, int index, List<String> errors) {
    String base = "metric[" + index + "]";
    if (m.isNull) {
      errors.add(base + " may not be null.");
      return null;
    }
    int before = errors.size();
    boolean validate = !m.skipValidate;
    boolean nameOk = checkName(m.name, base, errors);
    // KairosDB names the metric in its messages only once the name was validated.
    String ctx = validate && nameOk ? base + "(name=" + m.name + ")" : base;
    if (validate) {
      checkSingleForm(m, ctx, errors);
    }
    checkTags(m.tags == null ? Collections.emptyMap() : m.tags, validate, ctx, errors);
    if (m.ttl < 0) {
      errors.add(ctx + ".ttl must be greater than or equal to 0.");
    } else if (m.ttl > MAX_TTL_SECONDS) {
      errors.add(ctx + ".ttl must be less than or equal to " + MAX_TTL_SECONDS + ".");
    }
    return errors.size() > before ? null : ctx;
  }

  private boolean checkName(String name, String base, List<String> errors) {
    if (name == null) {
      errors.add(base + ".name may not be null.");
    } else if (name.isEmpty()) {
      errors.add(base + ".name may not be empty.");
    } else if (name.length() > limits.maxNameLength()) {
      errors.add(base + ".name may not be longer than " + limits.maxNameLength() + " characters.");
    } else {
      return true;
    }
    return false;
  }

  private static void checkSingleForm(KairosMetric m, String ctx, List<String> errors) {
    Long ts = m.effectiveTimestamp();
    if (ts != null) {
      if (m.value == null) {
        errors.add(ctx + ".value may not be null.");
        return;
      }
      String problem = KairosPointRules.emptiness(m.type, KairosValues.kindOf(m.value), KairosValues.refOf(m.value),
        ctx, KairosPointRules.SINGLE);
      if (problem != null) {
        errors.add(problem);
      }
    } else if (m.value != null && !m.value.isJsonNull()) {
      errors.add(ctx + ".timestamp may not be null.");
    }
  }

  private void checkTags(Map<String, String> tags, boolean validate, String ctx, List<String> errors) {
    if (validate && tags.isEmpty()) {
      errors.add(ctx + ".tags count must be greater than or equal to 1.");
      return;
    }
    if (tags.size() > limits.maxTagsPerMetric()) {
      errors.add(ctx + ".tags count may not be greater than " + limits.maxTagsPerMetric() + ".");
      return;
    }
    int max = limits.maxNameLength();
    int k = 0;
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String key = e.getKey();
      // A tag is named by its key in messages, or by its position when the key itself is the problem.
      String label = key;
      if (validate && key.isEmpty()) {
        errors.add(ctx + ".tag[" + k + "].name may not be empty.");
        label = Integer.toString(k);
      } else if (key.length() > max) {
        errors.add(ctx + ".tag[" + k + "].name may not be longer than " + max + " characters.");
        label = Integer.toString(k);
      }
      String value = e.getValue();
      if (value == null) {
        errors.add(ctx + ".tag[" + label + "].value may not be null.");
      } else if (validate && value.isEmpty()) {
        errors.add(ctx + ".tag[" + label + "].value may not be empty.");
      } else if (value.length() > max) {
        errors.add(ctx + ".tag[" + label + "].value may not be longer than " + max + " characters.");
      }
      k++;
    }
  }
}
