package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Plan;

/**
 * The two formats PostgreSQL prints a plan in, each with its reader, and which one a given text is in: JSON
 * starts with {@code [} or <code>{</code>; text has node lines with {@code (cost=…)} or {@code (actual …)}; a
 * psql header before JSON is allowed. For plan files whose format the user does not say.
 */
public enum PgPlanFormat {
  JSON {
    @Override
    public Plan read(String plan) {
      return new PgPlanReader().read(plan);
    }
  },
  TEXT {
    @Override
    public Plan read(String plan) {
      return new PgTextPlanReader().read(plan);
    }
  };

  /** Reads {@code plan} in this format; {@link PlanFormatException} with a one-line reason when it is not one. */
  public abstract Plan read(String plan);

  /** The format {@code plan} is in; {@link PlanFormatException} when it looks like neither. */
  public static PgPlanFormat of(String plan) {
    String start = plan.stripLeading();
    if (start.startsWith("[") || start.startsWith("{")) {
      return JSON;
    }
    if (plan.lines().anyMatch(PgTextPlanReader::isNodeLine)) {
      return TEXT;
    }
    if (plan.indexOf('{') >= 0 || plan.indexOf('[') >= 0) {
      return JSON;
    }
    throw new PlanFormatException("not an EXPLAIN plan: neither JSON (starting with [ or {) nor text with plan "
        + "node lines such as \"Seq Scan on t  (cost=…)\"");
  }

  /** Reads {@code plan} in whichever format it is in. */
  public static Plan detectAndRead(String plan) {
    return of(plan).read(plan);
  }
}
