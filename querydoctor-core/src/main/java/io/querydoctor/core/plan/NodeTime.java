package io.querydoctor.core.plan;

/**
 * Where a node's time goes, as {@link Plan} computes it.
 *
 * @param inclusiveMillis wall-clock time of the node and everything below it, over every loop, divided among
 *     the parallel processes that shared it; 0 without ANALYZE
 * @param selfMillis {@code inclusiveMillis} minus the children's, never negative
 * @param share the node's part of the whole plan, 0–1: self time over the plan's time when analyzed, else its
 *     own planner cost over the plan's cost
 */
public record NodeTime(double inclusiveMillis, double selfMillis, double share) {}
