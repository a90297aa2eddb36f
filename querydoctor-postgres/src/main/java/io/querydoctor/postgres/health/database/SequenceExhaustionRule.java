package io.querydoctor.postgres.health.database;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.health.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * sequence-exhaustion: a sequence has used most of the range its column can hold. When it runs out every
 * INSERT fails ("nextval: reached maximum value" or an integer out of range).
 */
public final class SequenceExhaustionRule implements HealthRule<SequenceCheck.Row> {

  private static final double HIGH_RATIO = 0.90;
  private static final double CRITICAL_RATIO = 0.98;

  private final HealthThresholds thresholds;

  public SequenceExhaustionRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<SequenceCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (SequenceCheck.Row row : rows) {
      double used = row.usedRatio();
      if (used >= thresholds.sequenceUsedRatio()) {
        findings.add(finding(row, used));
      }
    }
    return findings;
  }

  private Finding finding(SequenceCheck.Row row, double used) {
    Severity severity = used >= CRITICAL_RATIO ? Severity.CRITICAL : used >= HIGH_RATIO ? Severity.HIGH : Severity.MEDIUM;
    boolean owned = row.table() != null;
    long remaining = row.increment() > 0 ? row.effectiveMax() - row.lastValue() : row.lastValue() - row.effectiveMin();
    return Finding.builder("sequence-exhaustion", severity)
        .title("Sequence " + row.sequence() + " has used " + Quantities.format(used, "ratio") + " of its range"
            + (owned ? " (feeds " + row.table() + "." + row.column() + ", " + row.columnType() + ")" : ""))
        .subject(owned ? Subject.columns(row.table().toString(), row.column()) : Subject.table(row.sequence().toString()))
        .detail("Last value " + Quantities.number(row.lastValue()) + " of a maximum of "
            + Quantities.number(row.effectiveMax()) + "; " + Quantities.number(remaining / Math.abs(row.increment()))
            + " values left. When it runs out every INSERT that takes a value fails.")
        .evidence(Evidence.crossed("sequence_used_ratio", used, "ratio", thresholds.sequenceUsedRatio()))
        .evidence(Evidence.of("last_value", row.lastValue(), "count"))
        .evidence(Evidence.of("max_value", row.effectiveMax(), "count"))
        .impact(Impact.unknown("outage risk: inserts fail when the sequence is exhausted"))
        .fix(fix(row))
        .build();
  }

  private static Fix fix(SequenceCheck.Row row) {
    String sequence = row.sequence().sql();
    if (row.table() != null && !"bigint".equals(row.columnType())) {
      return Fix.sql("Widen the column and the sequence to bigint. Changing the column type rewrites the table "
          + "under an ACCESS EXCLUSIVE lock: schedule it, or migrate through a new column on a large table.",
          "ALTER TABLE " + row.table().sql() + " ALTER COLUMN " + QualifiedName.quote(row.column())
              + " TYPE bigint;\nALTER SEQUENCE " + sequence + " AS bigint;");
    }
    if (!"bigint".equals(row.dataType())) {
      return Fix.sql("Widen the sequence to bigint.", "ALTER SEQUENCE " + sequence + " AS bigint;");
    }
    return Fix.sql("The sequence is bigint already; raise its explicit maximum if one was set.",
        "ALTER SEQUENCE " + sequence + " NO MAXVALUE;");
  }
}
