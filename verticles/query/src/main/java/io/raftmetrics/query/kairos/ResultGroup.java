package io.raftmetrics.query.kairos;

import java.util.List;
import java.util.Map;

/**
 * One group of a query's results on its way through aggregation: its {@code group_by} entries (already rendered,
 * in KairosDB's order: non-tag group-bys, then the tag group-by, then the type), its tags in the order KairosDB
 * prints them, its current type ({@code number} or {@code text}) and its points.
 */
final class ResultGroup {

  final List<String> groupBy;
  final Map<String, List<String>> tags;
  String type;
  Points points;

  ResultGroup(List<String> groupBy, Map<String, List<String>> tags, String type, Points points) {
    this.groupBy = groupBy;
    this.tags = tags;
    this.type = type;
    this.points = points;
  }
}
