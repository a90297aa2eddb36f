package io.querydoctor.core.report;

import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.SubjectKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The statement behind a fingerprint, from what the report itself carries (its plans, its workload), so that a
 * finding about a query names the query and not only its hash. Literal values are as redacted as the report.
 */
final class StatementIndex {

  private final Map<String, String> statements = new HashMap<>();

  StatementIndex(Report report) {
    if (report.workload() != null) {
      for (ShapeDigest shape : report.workload().digest().shapes()) {
        statements.putIfAbsent(shape.fingerprint(), shape.example());
      }
    }
    for (QueryPlan plan : report.plans()) {
      if (plan.query() != null) {
        statements.putIfAbsent(plan.fingerprint(), plan.query());
      }
    }
  }

  /** "fingerprint 1a2b…: SELECT …", for the first query the finding is about that the report knows. */
  Optional<String> queryOf(Finding f) {
    for (Subject subject : f.allSubjects()) {
      if (subject.kind() == SubjectKind.FINGERPRINT && statements.containsKey(subject.name())) {
        return Optional.of(statements.get(subject.name()).replaceAll("\\s+", " ").strip() + " (fingerprint "
            + subject.name() + ")");
      }
    }
    return Optional.empty();
  }
}
