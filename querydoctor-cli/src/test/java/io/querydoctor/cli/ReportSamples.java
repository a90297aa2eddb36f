package io.querydoctor.cli;

import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.WorkloadSection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports for the CLI's output tests, with literal values where SQL reaches a report. */
final class ReportSamples {

  static final String EMAIL = "bob@example.com";
  static final String NUMBER = "987654";

  private ReportSamples() {}

  /** A plan finding quoting a statement and a filter with an e-mail address and a number, and a workload. */
  static Report withLiterals() {
    Finding planFinding = Finding.builder("seq-scan-large-table", Severity.HIGH)
        .title("Seq Scan on public.users filters (email = '" + EMAIL + "'::text)")
        .subject(Subject.table("public.users"))
        .detail("Filter: ((email = '" + EMAIL + "'::text) AND (id > " + NUMBER + ")). Query: `SELECT * FROM users "
            + "WHERE email = '" + EMAIL + "' AND id > " + NUMBER + "`")
        .evidence(Evidence.crossed("rows_removed", 99_990, "rows", 1_000))
        .impact(new Impact(60_000, "100 calls/h × 600 ms"))
        .fix(Fix.sql("Index the column the filter uses.", "CREATE INDEX ON public.users (email);"))
        .concerns(Subject.fingerprint("a1b2c3"))
        .build();
    ShapeDigest shape = new ShapeDigest("a1b2c3", "SELECT * FROM users WHERE email = '" + EMAIL + "' AND id > " + NUMBER,
        "SELECT", 100, 60_000, 600, 10, 1_200, 550.0, 900.0, 1_100.0, 100L, null, null, null, null, Map.of(),
        Map.of(), Map.of(), Map.of(), null, true, null, false);
    WorkloadDigest digest = new WorkloadDigest("pg_stat_statements", 100, 60_000, null, null, List.of(shape), null,
        0, null, null);
    return new Report(Report.SCHEMA_VERSION, "querydoctor test", Instant.parse("2026-11-21T06:00:00Z"),
        "jdbc:postgresql://db:5432/app", 10, List.of(planFinding), List.of())
        .withWorkload(new WorkloadSection("total", digest, null));
  }

  /** A target URL and a skipped check's reason that carry a password. */
  static Report withPasswords() {
    return new Report(Report.SCHEMA_VERSION, "querydoctor test", Instant.parse("2026-11-21T06:00:00Z"),
        "jdbc:postgresql://bob:hunter2@db.example.com:5432/app?password=hunter2", 10, List.of(),
        List.of(new io.querydoctor.core.report.SkippedCheck("replication-lag",
            "could not connect with host=db.example.com user=bob password=hunter2 sslmode=require")));
  }
}
