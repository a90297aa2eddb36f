package io.querydoctor.core.report;

import io.querydoctor.core.digest.BaselineChanges;
import io.querydoctor.core.digest.ShapeChange;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.FixKind;
import io.querydoctor.core.finding.Verification;
import io.querydoctor.core.sql.Credentials;
import io.querydoctor.core.sql.LiteralRedactor;
import java.util.List;
import java.util.function.UnaryOperator;

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
 * evidence are measurements, not literals, and stay. Credentials ({@link Credentials}) are removed from every
 * text field in both modes.
 */
final class ReportRedaction {

  /** Literal values and credentials out ({@code Report.redacted()}). */
  static final ReportRedaction LITERALS = new ReportRedaction(
      text -> LiteralRedactor.sql(Credentials.strip(text)), text -> LiteralRedactor.prose(Credentials.strip(text)));
  /** Only credentials out ({@code --show-literals}): passwords never appear. */
  static final ReportRedaction CREDENTIALS = new ReportRedaction(Credentials::strip, Credentials::strip);

  private final UnaryOperator<String> sql;
  private final UnaryOperator<String> prose;

  private ReportRedaction(UnaryOperator<String> sql, UnaryOperator<String> prose) {
    this.sql = sql;
    this.prose = prose;
  }

  Report apply(Report report) {
    return new Report(report.schemaVersion(), report.tool(), report.generatedAt(), Credentials.strip(report.target()),
        report.durationMillis(), report.findings().stream().map(this::finding).toList(),
        report.skipped().stream().map(s -> new SkippedCheck(s.check(), prose.apply(s.reason()))).toList(),
        workload(report.workload()), report.plans().stream().map(this::plan).toList(),
        report.suppressed().stream().map(s -> new SuppressedFinding(s.key(), s.ruleId(), s.severity(),
            prose.apply(s.title()), prose.apply(s.reason()))).toList(),
        report.comparison() == null ? null
            : report.comparison().mapText(prose, this::baseline),
        report.advice() == null ? null : new AdviceSection(report.advice().budgetBytes(), report.advice().newBytes(),
            report.advice().freedBytes(), report.advice().costBefore(), report.advice().costAfter(),
            report.advice().method(), report.advice().rejected().stream().map(r -> new AdviceSection.RejectedIndex(
                sql.apply(r.definition()), prose.apply(r.reason()))).toList()));
  }

  Finding finding(Finding f) {
    return new Finding(f.ruleId(), f.severity(), prose.apply(f.title()), f.subject(),
        prose.apply(f.detail()), f.evidence(), f.impact(), fix(f.fix()), verification(f.verification()),
        f.concerns(), f.supporting().stream().map(this::finding).toList(), f.callSite());
  }

  private QueryPlan plan(QueryPlan p) {
    return new QueryPlan(p.fingerprint(), sql.apply(p.query()), p.analyzed(),
        p.root().mapText(sql, prose));
  }

  private Fix fix(Fix fix) {
    String shown = fix.kind() == FixKind.CODE ? sql.apply(fix.sql()) : fix.sql();
    return new Fix(fix.kind(), prose.apply(fix.summary()), shown, fix.code());
  }

  private Verification verification(Verification v) {
    return v == null ? null
        : new Verification(v.method(), v.metric(), v.before(), v.after(), v.runs(), prose.apply(v.note()),
            v.p95Before(), v.p95After());
  }

  WorkloadSection workload(WorkloadSection section) {
    if (section == null) {
      return null;
    }
    WorkloadDigest d = section.digest();
    WorkloadDigest digest = new WorkloadDigest(d.source(), d.statements(), d.totalMillis(), d.firstSeen(),
        d.lastSeen(), d.shapes().stream().map(this::shape).toList(),
        d.other() == null ? null : shape(d.other()), d.otherShapes(), d.series(), d.parse());
    return new WorkloadSection(section.sortedBy(), digest, baseline(section.baseline()));
  }

  private BaselineChanges baseline(BaselineChanges b) {
    if (b == null) {
      return null;
    }
    return new BaselineChanges(b.baseline(), b.baselineSavedAt(),
        b.regressions().stream().map(this::finding).toList(), b.newShapes(), changes(b.topNew()),
        b.vanishedShapes(), changes(b.topVanished()));
  }

  private List<ShapeChange> changes(List<ShapeChange> changes) {
    return changes.stream()
        .map(c -> new ShapeChange(c.fingerprint(), sql.apply(c.example()), c.calls(), c.totalMillis()))
        .toList();
  }

  private ShapeDigest shape(ShapeDigest s) {
    return new ShapeDigest(s.fingerprint(), sql.apply(s.example()), s.kind(), s.calls(), s.totalMillis(),
        s.meanMillis(), s.minMillis(), s.maxMillis(), s.p50Millis(), s.p95Millis(), s.p99Millis(), s.rowsSent(),
        s.rowsExamined(), s.lockMillis(), s.firstSeen(), s.lastSeen(), s.databases(), s.users(), s.applications(),
        s.clients(), s.series(), s.readOnly(), s.distinctParameterSets(), s.partial());
  }
}
