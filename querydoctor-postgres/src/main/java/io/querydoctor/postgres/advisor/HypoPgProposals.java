package io.querydoctor.postgres.advisor;

import io.querydoctor.core.finding.Verification;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.plan.ProposedIndexCheck;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link ProposedIndexCheck} with HypoPG's hypothetical indexes, where the extension is installed in the target:
 * nothing is built, the check runs through the read-only executor. Whether it is installed is asked once per
 * executor. Not thread-safe (one diagnosis at a time).
 */
public final class HypoPgProposals implements ProposedIndexCheck {

  private SafeExecutor asked;
  private HypoPgWhatIf whatIf;

  @Override
  public Optional<Verification> check(SafeExecutor executor, String ddl, String sql) throws SQLException {
    return available(executor) ? whatIf.checkProposal(ddl, sql) : Optional.empty();
  }

  @Override
  public boolean available(SafeExecutor executor) throws SQLException {
    if (asked != executor) {
      asked = executor;
      whatIf = HypoPgWhatIf.ifInstalled(executor).orElse(null);
    }
    return whatIf != null;
  }
}
