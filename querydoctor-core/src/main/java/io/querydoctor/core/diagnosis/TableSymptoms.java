package io.querydoctor.core.diagnosis;

import io.querydoctor.core.digest.StatementTables;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.SubjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Attaches a table-level symptom ({@code low-index-usage}: a large table read mostly by sequential scans) to
 * the finding whose plan problem explains those scans (a missing index, a non-sargable filter, a sequential
 * scan of that table in a plan), as supporting evidence, instead of leaving it alone in the report.
 *
 * <p>Design: this runs after {@link RootCauseMerger}'s grouping rather than as one more merge key, because a
 * table key would be transitive: two unrelated causes on one table (a missing index for one query, a
 * non-sargable filter in another) would become one group. A symptom joins exactly one group instead, the
 * highest-ranked one that explains it.
 */
final class TableSymptoms {

  private static final Set<String> SYMPTOMS = Set.of("low-index-usage");

  /** Plan and index findings that explain sequential scans of their table. */
  private static final Set<String> EXPLAINERS = Set.of("seq-scan-large-table", "missing-index",
      "missing-fk-index", "non-sargable-predicate", "top-n-full-sort", "heavy-aggregation");

  private TableSymptoms() {}

  /** {@code ranked} (merged findings, ranked) with each explained symptom moved under its explanation. */
  static List<Finding> attach(List<Finding> ranked) {
    List<Finding> out = new ArrayList<>(ranked);
    for (Finding symptom : ranked) {
      if (!SYMPTOMS.contains(symptom.ruleId()) || !symptom.supporting().isEmpty()
          || symptom.subject().kind() != SubjectKind.TABLE) {
        continue;
      }
      String table = StatementTables.plain(symptom.subject().name());
      for (int i = 0; i < out.size(); i++) {
        Finding cause = out.get(i);
        if (cause != symptom && explains(cause, table)) {
          List<Finding> supporting = new ArrayList<>(cause.supporting());
          supporting.add(symptom);
          out.set(i, cause.withSupporting(supporting));
          out.remove(symptom);
          break;
        }
      }
    }
    return out;
  }

  private static boolean explains(Finding group, String table) {
    List<Finding> members = new ArrayList<>(group.supporting());
    members.add(group);
    return members.stream().anyMatch(f -> EXPLAINERS.contains(f.ruleId()) && concernsTable(f, table));
  }

  private static boolean concernsTable(Finding finding, String table) {
    for (Subject subject : finding.allSubjects()) {
      String name = subject.name();
      if (subject.kind() == SubjectKind.COLUMNS && name.indexOf('(') > 0) {
        name = name.substring(0, name.indexOf('('));
      } else if (subject.kind() != SubjectKind.TABLE) {
        continue;
      }
      if (StatementTables.plain(name).equals(table)) {
        return true;
      }
    }
    return false;
  }
}
