package io.querydoctor.postgres.advisor;

import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements given to the advisor (a log, a capture, a file) joined with pg_stat_statements' by fingerprint.
 *
 * <p>Design: a statement both sources hold was seen twice, not run twice, so its rate is the larger of the two
 * (the source that saw more of its executions: the server counts every one, a log only those over its
 * threshold, a capture only one application), never their sum. Its text is the given one, which is the reason
 * it was given (pg_stat_statements' {@code $n} text cannot be planned on every version); its mean time the
 * given one when known. Statements only one source holds are kept as they are.
 */
public final class WorkloadMerge {

  private WorkloadMerge() {}

  /** {@code given} with {@code fromServer} merged in: given statements first, in their order. */
  public static List<WorkloadStatement> merge(List<WorkloadStatement> given, List<WorkloadStatement> fromServer,
      SqlFingerprinter fingerprinter) {
    List<WorkloadStatement> merged = new ArrayList<>(given);
    Map<String, Integer> givenAt = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      givenAt.putIfAbsent(fingerprinter.fingerprint(given.get(i).sql()).id(), i);
    }
    for (WorkloadStatement server : fromServer) {
      Integer at = givenAt.get(fingerprinter.fingerprint(server.sql()).id());
      if (at == null) {
        merged.add(server);
      } else {
        WorkloadStatement mine = merged.get(at);
        merged.set(at, new WorkloadStatement(mine.sql(), Math.max(mine.callsPerHour(), server.callsPerHour()),
            mine.meanMillis() > 0 ? mine.meanMillis() : server.meanMillis(), mine.rowsPerCall()));
      }
    }
    return merged;
  }
}
