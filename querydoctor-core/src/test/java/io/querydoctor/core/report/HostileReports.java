package io.querydoctor.core.report;

import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.Verification;
import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.rules.PlanFinding;
import io.querydoctor.core.sql.SqlDialect;
import java.time.Instant;
import java.util.List;

/**
 * A report with every section the HTML report draws, whose database text tries to inject markup: a table
 * named with a {@code <script>} element and one with an {@code <img onerror>} handler (quoted identifiers
 * survive normalization and redaction, as they would in a real workload).
 */
final class HostileReports {

  static final String SCRIPT_TABLE = "\"<script>document.body.setAttribute('data-pwned','script')</script>\"";
  static final String IMG_TABLE = "\"<img src=x onerror=document.body.setAttribute('data-pwned','img')>\"";
  private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

  private HostileReports() {}

  static Report full() {
    Finding seqScan = Finding.builder("seq-scan-large-table", Severity.HIGH)
        .title("Seq Scan on " + SCRIPT_TABLE + " reads 100,000 rows to return 3")
        .subject(Subject.table("public." + SCRIPT_TABLE))
        .detail("The filter (email = 'bob@example.com'::text) has no index. Query: `SELECT * FROM " + SCRIPT_TABLE
            + " WHERE email = 'bob@example.com'`")
        .evidence(Evidence.crossed("rows_removed", 99_997, "rows", 1_000))
        .impact(new Impact(540_000, "3,000 calls/h × 180 ms"))
        .fix(Fix.sql("Index the filtered column.", "CREATE INDEX CONCURRENTLY ON public." + SCRIPT_TABLE + " (email);"))
        .verification(new Verification(Verification.Method.MEASURED, "median_ms", 182, 0.4, 5, "lookup by email"))
        .concerns(Subject.fingerprint("00000000000000f1"))
        .concerns(Subject.columns("public." + SCRIPT_TABLE, "email"))
        .build();
    Finding missingFk = Finding.builder("missing-fk-index", Severity.MEDIUM)
        .title("Foreign key " + IMG_TABLE + ".user_id has no index")
        .subject(Subject.columns("public." + IMG_TABLE, "user_id"))
        .evidence(Evidence.crossed("table_rows", 150_000, "rows", 1_000))
        .impact(Impact.unknown("catalog check"))
        .fix(Fix.sql("Index the foreign key.", "CREATE INDEX ON public." + IMG_TABLE + " (user_id);"))
        .build();
    Finding merged = seqScan.withSupporting(List.of(missingFk));
    Finding sort = Finding.builder("sort-spill", Severity.MEDIUM)
        .title("Sort of " + IMG_TABLE + " spills to disk")
        .subject(Subject.fingerprint("00000000000000f2"))
        .evidence(Evidence.crossed("temp_blocks", 12_000, "count", 0))
        .impact(new Impact(90_000, "600 calls/h × 150 ms"))
        .fix(Fix.setting("Raise work_mem for this query.", "SET work_mem = '64MB';"))
        .verification(new Verification(Verification.Method.ESTIMATED, "planner_cost", 12_000, 800, null,
            "hypothetical index"))
        .build();
    return new Report(Report.SCHEMA_VERSION, "querydoctor test", T0, "jdbc:postgresql://db:5432/app", 1234,
        List.of(merged, sort), List.of(new SkippedCheck("replication-lag", "needs <b>pg_monitor</b>")))
        .withWorkload(new WorkloadSection("total", workload(), null))
        .withPlans(List.of(plan(seqScan)));
  }

  private static WorkloadDigest workload() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    for (int i = 0; i < 50; i++) {
      // Four seconds apart: the workload spans four minutes, so the report has a timeline to draw.
      builder.add(LogStatement.of(T0.plusSeconds(4L * i), 150 + i, "SELECT * FROM " + SCRIPT_TABLE
          + " WHERE email = 'bob" + i + "@example.com'"));
      builder.add(LogStatement.of(T0.plusSeconds(4L * i), 20 + i % 7, "SELECT * FROM " + IMG_TABLE + " WHERE user_id = "
          + i + " ORDER BY created_at"));
      builder.add(LogStatement.of(T0.plusSeconds(4L * i), 0.3, "SELECT 1"));
    }
    ParseProblems problems = new ParseProblems();
    problems.linesRead(150);
    return builder.build("postgresql.log", problems.summary()).top(10, DigestSort.TOTAL);
  }

  private static QueryPlan plan(Finding atScan) {
    PlanNode scan = PlanNode.builder("Seq Scan", NodeKind.SEQ_SCAN).relation("public." + SCRIPT_TABLE, "u")
        .estimate(new Estimate(0, 2_500, 3, 64)).actual(new Actual(0.01, 180, 3, 1))
        .conditions(new Conditions("(email = 'bob@example.com'::text)", null, null, null, null, null))
        .rowsRemoved(99_997, 0, 0).build();
    PlanNode limit = PlanNode.builder("Limit", NodeKind.LIMIT).estimate(new Estimate(0, 2_500, 3, 64))
        .actual(new Actual(0.01, 180.2, 3, 1)).child(scan).build();
    Plan plan = new Plan(limit, 0.1, 180.3);
    return QueryPlan.of("00000000000000f1", "SELECT * FROM " + SCRIPT_TABLE + " WHERE email = 'bob@example.com' "
        + "LIMIT 10", new PlanAnalysis(plan, List.of(new PlanFinding(scan, atScan))));
  }
}
