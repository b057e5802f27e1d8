package io.raftmetrics.query.kairos;

/**
 * One step of a query's aggregator chain. As in KairosDB, a step applies only to the group types it can handle
 * ({@code number} or {@code text}) and is skipped otherwise; its output may change the group's type.
 */
interface KairosAggregator {

  String NUMBER = "number";
  String TEXT = "text";

  /** @return true if the step applies to a group of this type */
  boolean canAggregate(String groupType);

  /** @return the group type after the step */
  default String aggregatedType(String groupType) {
    return NUMBER;
  }

  /**
   * @param in the group's points, in the group's order
   * @param group the group (its tags, for {@code save_as})
   * @return the resulting points
   */
  Points apply(Points in, ResultGroup group);

  /** A step that handles every group type and keeps it ({@code filter}, {@code trim}, {@code save_as}). */
  interface AnyType extends KairosAggregator {

    @Override
    default boolean canAggregate(String groupType) {
      return true;
    }

    @Override
    default String aggregatedType(String groupType) {
      return groupType;
    }
  }
}
