package io.querydoctor.postgres.plan;

import io.querydoctor.core.finding.Verification;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Asks the planner whether it would use the index a plan finding proposes, before the user builds it: the
 * what-if of the diagnosis (HypoPG where the extension is installed). Called by {@link TopQueryPlansAnalyzer} on
 * the diagnosis thread, once per proposal, through the target's read-only executor.
 */
@FunctionalInterface
public interface ProposedIndexCheck {

  /** No what-if: proposals stay unchecked. */
  ProposedIndexCheck NONE = (executor, ddl, sql) -> Optional.empty();

  /**
   * The planner cost of {@code sql} without and with the index {@code ddl} creates, and whether the plan uses it
   * ({@link Verification#improved()} false when it does not); empty when no what-if is available in the target or
   * {@code ddl} is not a single {@code CREATE INDEX}.
   */
  Optional<Verification> check(SafeExecutor executor, String ddl, String sql) throws SQLException;

  /** Whether the target has the what-if at all, for the one line that says so when it does not. */
  default boolean available(SafeExecutor executor) throws SQLException {
    return false;
  }
}
