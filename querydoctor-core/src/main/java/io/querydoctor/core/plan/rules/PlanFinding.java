package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.PlanNode;

/**
 * A finding and the plan node it is about, so that the annotated tree can show it in place.
 *
 * @param node the node the rule fired on
 * @param finding the finding as reports show it
 */
public record PlanFinding(PlanNode node, Finding finding) {}
