package io.querydoctor.core.plan;

/**
 * The planner's estimate for a node.
 *
 * @param startupCost cost before the first row, in the planner's arbitrary units
 * @param totalCost cost to return every row
 * @param rows rows the node is expected to return per execution (per loop)
 * @param width average row width in bytes
 */
public record Estimate(double startupCost, double totalCost, double rows, int width) {}
