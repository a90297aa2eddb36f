package io.querydoctor.core.report;

import io.querydoctor.core.digest.BaselineChanges;
import io.querydoctor.core.digest.ShapeChange;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.FixKind;
import io.querydoctor.core.finding.Verification;
import io.querydoctor.core.sql.LiteralRedactor;
import java.util.List;

/**
 * The step before rendering that removes literal values from every field of a report that can carry SQL, so
 * that no renderer can leak one: renderers never see the values.
 *
 * <p>The rule, per field: SQL fields (workload statements, a plan's query and node conditions, a
 * {@link FixKind#CODE} fix, which is the user's query rewritten) are redacted as SQL
 * ({@link LiteralRedactor#sql}); sentences (titles, details, fix summaries, verification notes, reasons a check
 * was skipped or a finding suppressed) as prose ({@link LiteralRedactor#prose}). DDL and settings the tool
 * generated ({@link FixKind#SQL}, {@link FixKind#SETTING}) keep their literals: a partial index's predicate
 * must match the query's value to be used, and that value is in the fix because the tool chose it. Numbers of
 * evidence are measurements, not literals, and stay.
 */
final class ReportRedaction {

  private ReportRedaction() {}

  static Report apply(Report report) {
    return new Report(report.schemaVersion(), report.tool(), report.generatedAt(), report.target(),
        report.durationMillis(), report.findings().stream().map(ReportRedaction::finding).toList(),
        report.skipped().stream().map(s -> new SkippedCheck(s.check(), LiteralRedactor.prose(s.reason()))).toList(),
        workload(report.workload()), report.plans().stream().map(ReportRedaction::plan).toList(),
        report.suppressed().stream().map(s -> new SuppressedFinding(s.key(), s.ruleId(), s.severity(),
            LiteralRedactor.prose(s.title()), LiteralRedactor.prose(s.reason()))).toList(),
        report.comparison() == null ? null
            : report.comparison().mapText(LiteralRedactor::prose, ReportRedaction::baseline));
  }

  static Finding finding(Finding f) {
    return new Finding(f.ruleId(), f.severity(), LiteralRedactor.prose(f.title()), f.subject(),
        LiteralRedactor.prose(f.detail()), f.evidence(), f.impact(), fix(f.fix()), verification(f.verification()),
        f.concerns(), f.supporting().stream().map(ReportRedaction::finding).toList());
  }

  private static QueryPlan plan(QueryPlan p) {
    return new QueryPlan(p.fingerprint(), LiteralRedactor.sql(p.query()), p.analyzed(),
        p.root().mapText(LiteralRedactor::sql, LiteralRedactor::prose));
  }

  private static Fix fix(Fix fix) {
    String sql = fix.kind() == FixKind.CODE ? LiteralRedactor.sql(fix.sql()) : fix.sql();
    return new Fix(fix.kind(), LiteralRedactor.prose(fix.summary()), sql);
  }

  private static Verification verification(Verification v) {
    return v == null ? null
        : new Verification(v.method(), v.metric(), v.before(), v.after(), v.runs(), LiteralRedactor.prose(v.note()),
            v.p95Before(), v.p95After());
  }

  static WorkloadSection workload(WorkloadSection section) {
    if (section == null) {
      return null;
    }
    WorkloadDigest d = section.digest();
    WorkloadDigest digest = new WorkloadDigest(d.source(), d.statements(), d.totalMillis(), d.firstSeen(),
        d.lastSeen(), d.shapes().stream().map(ReportRedaction::shape).toList(),
        d.other() == null ? null : shape(d.other()), d.otherShapes(), d.series(), d.parse());
    return new WorkloadSection(section.sortedBy(), digest, baseline(section.baseline()));
  }

  private static BaselineChanges baseline(BaselineChanges b) {
    if (b == null) {
      return null;
    }
    return new BaselineChanges(b.baseline(), b.baselineSavedAt(),
        b.regressions().stream().map(ReportRedaction::finding).toList(), b.newShapes(), changes(b.topNew()),
        b.vanishedShapes(), changes(b.topVanished()));
  }

  private static List<ShapeChange> changes(List<ShapeChange> changes) {
    return changes.stream()
        .map(c -> new ShapeChange(c.fingerprint(), LiteralRedactor.sql(c.example()), c.calls(), c.totalMillis()))
        .toList();
  }

  private static ShapeDigest shape(ShapeDigest s) {
    return new ShapeDigest(s.fingerprint(), LiteralRedactor.sql(s.example()), s.kind(), s.calls(), s.totalMillis(),
        s.meanMillis(), s.minMillis(), s.maxMillis(), s.p50Millis(), s.p95Millis(), s.p99Millis(), s.rowsSent(),
        s.rowsExamined(), s.lockMillis(), s.firstSeen(), s.lastSeen(), s.databases(), s.users(), s.applications(),
        s.clients(), s.series(), s.readOnly(), s.distinctParameterSets(), s.partial());
  }
}
