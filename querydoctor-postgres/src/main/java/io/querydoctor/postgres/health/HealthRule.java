package io.querydoctor.postgres.health;

import io.querydoctor.core.finding.Finding;
import java.util.List;

/**
 * Turns the rows of one catalog query into findings, with thresholds from {@link HealthThresholds}.
 *
 * <p>Contract: pure and deterministic; it never touches a database, so it is unit-tested over rows built in
 * the test. Called once per diagnosis on the diagnosing thread. It returns an empty list when nothing
 * crosses its thresholds and never throws for well-formed rows.
 *
 * @param <R> the row type of the query it reads
 */
@FunctionalInterface
public interface HealthRule<R> {

  /** The findings {@code rows} justify, in any order. */
  List<Finding> evaluate(List<R> rows);
}
