package io.querydoctor.core.plan.rules;

import java.util.List;

/**
 * One plan rule of RULES.md, over the engine-neutral plan model.
 *
 * <p>Contract: pure and thread-safe; never throws on a well-formed plan (missing measurements mean the rule
 * stays silent or falls back to estimates, as its Javadoc says). Returns an empty list when the plan is
 * fine.
 */
public interface PlanRule {

  /** The rule id from RULES.md, e.g. {@code sort-spill}. */
  String id();

  /** The findings for {@code context}'s plan, in plan order. */
  List<PlanFinding> check(PlanContext context);
}
