package io.querydoctor.core.report;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.Verification;
import java.time.Instant;
import java.util.List;

/** Reports with every field filled in, for renderer and schema tests. */
final class SampleReports {

  private SampleReports() {}

  static Finding missingFkIndex() {
    return Finding.builder("missing-fk-index", Severity.HIGH)
        .title("Foreign key posts.user_id has no index")
        .subject(Subject.columns("public.posts", "user_id"))
        .detail("Every lookup of a user's posts reads the whole table.")
        .evidence(Evidence.crossed("table_rows", 150_000, "rows", 1_000))
        .evidence(Evidence.of("seq_scans", 300, "count"))
        .impact(new Impact(54_000, "300 calls/h × 180 ms"))
        .fix(Fix.sql("Index the foreign key.", "CREATE INDEX CONCURRENTLY posts_user_id_idx ON public.posts (user_id);"))
        .verification(new Verification(Verification.Method.MEASURED, "median_ms", 182, 0.4, 5, "posts of one user"))
        .build();
  }

  static Finding hostileText() {
    return Finding.builder("slow-query", Severity.MEDIUM)
        .title("SELECT '<script>alert(1)</script>' is slow")
        .subject(Subject.fingerprint("<b>abc</b>"))
        .evidence(Evidence.crossed("p95_ms", 250, "ms", 100))
        .impact(new Impact(1_000, "10 calls × 100 ms"))
        .fix(Fix.code("Rewrite | it * now", "SELECT '<script>alert(1)</script>' ```"))
        .build();
  }

  static Finding info() {
    return Finding.builder("pg-stat-statements-missing", Severity.INFO)
        .title("pg_stat_statements is not installed")
        .subject(Subject.database("app"))
        .evidence(Evidence.of("installed", 0, "count"))
        .impact(Impact.unknown("workload analysis is blind without it"))
        .fix(Fix.setting("Preload it.", "shared_preload_libraries = 'pg_stat_statements'"))
        .build();
  }

  static Report full() {
    return new Report(Report.SCHEMA_VERSION, "querydoctor test", Instant.parse("2026-11-21T06:00:00Z"),
        "jdbc:postgresql://db:5432/app", 1234, List.of(info(), hostileText(), missingFkIndex()),
        List.of(new SkippedCheck("replication-lag", "needs pg_monitor")));
  }
}
