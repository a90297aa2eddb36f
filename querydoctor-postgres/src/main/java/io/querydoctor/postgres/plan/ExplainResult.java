package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Plan;

/**
 * A statement's plan and how it was obtained.
 *
 * @param plan the plan read into the engine-neutral model
 * @param json the server's EXPLAIN JSON as returned, for saving next to a report
 * @param mode what was run
 * @param note why this mode was chosen when it is not what was asked for (e.g. "not analyzed: the statement
 *     writes; allow it with --analyze-writes"), or empty
 */
public record ExplainResult(Plan plan, String json, ExplainMode mode, String note) {}
