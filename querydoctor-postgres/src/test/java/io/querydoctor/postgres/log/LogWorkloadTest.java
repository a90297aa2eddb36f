package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * auto_explain plans in a real embedded-PostgreSQL 17 log (recorded by DiagnoseLogIT: JSON plans, then one text
 * plan after {@code auto_explain.log_format = text}).
 */
class LogWorkloadTest {

  private static final String SORT_SQL = "SELECT id, payload FROM event WHERE kind < 900 ORDER BY payload";
  private static final String SEQ_SCAN_SQL = "SELECT id FROM event WHERE payload = 'nope-0'";

  @TempDir
  Path tmp;

  private LogWorkload read(String fixture) throws IOException {
    Path file = Files.write(tmp.resolve("postgresql.log"), LogFixtures.bytes(fixture));
    return LogWorkload.read(List.of(file), null, null, ProgressListener.NONE);
  }

  private static String id(String sql) {
    return SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(sql).id();
  }

  private static List<Finding> withRule(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
  }

  @Test
  void jsonPlansBecomePlanFindingsAboutTheirQueryFingerprint() throws IOException {
    List<Finding> findings = read("pg-stderr/auto-explain.log").findings(DigestThresholds.DEFAULTS);

    assertThat(withRule(findings, "sort-spill"))
        .singleElement()
        .satisfies(f -> assertThat(f.allSubjects()).contains(Subject.fingerprint(id(SORT_SQL))))
        .satisfies(f -> assertThat(f.detail()).contains("auto_explain").contains("2 plans logged"));
    assertThat(withRule(findings, "seq-scan-large-table"))
        .anySatisfy(f -> assertThat(f.allSubjects()).contains(Subject.fingerprint(id(SEQ_SCAN_SQL))));
  }

  @Test
  void plansAreNotCalls() throws IOException {
    LogWorkload workload = read("pg-stderr/auto-explain.log");

    assertThat(workload.digest().shapes())
        .filteredOn(s -> s.fingerprint().equals(id(SORT_SQL)))
        .singleElement()
        .satisfies(s -> assertThat(s.calls()).isEqualTo(2));
    assertThat(workload.digest().parse().skipped()).isZero();
  }

  @Test
  void aTextPlanAmongJsonOnesIsReadNotSkipped() throws IOException {
    assertThat(read("pg-stderr/auto-explain.log").skipped()).isEmpty();
  }

  /** Regression: text plans (auto_explain's default format) used to be reported as "not analyzed". */
  @Test
  void textPlansBecomePlanFindingsAboutTheirQueryFingerprint() throws IOException {
    LogWorkload workload = read("pg-stderr/auto-explain-text.log");

    List<Finding> findings = workload.findings(DigestThresholds.DEFAULTS);
    assertThat(withRule(findings, "sort-spill")).singleElement()
        .satisfies(f -> assertThat(f.subject() + " " + f.concerns()).contains(id(AutoExplainTextLogIT.SORT_SQL)))
        .satisfies(f -> assertThat(f.detail()).contains("auto_explain"));
    assertThat(withRule(findings, "seq-scan-large-table"))
        .anySatisfy(f -> assertThat(f.subject() + " " + f.concerns()).contains(id(AutoExplainTextLogIT.SEQ_SCAN_SQL)));
    assertThat(workload.skipped()).isEmpty();
  }

  @Test
  void truncatedAndBogusPlansAreCountedNotFatal() throws IOException {
    LogWorkload workload = read("pg-stderr/auto-explain-malformed.log");

    List<Finding> findings = workload.findings(DigestThresholds.DEFAULTS);
    assertThat(workload.skipped()).extracting(SkippedCheck::reason)
        .anySatisfy(r -> assertThat(r).contains("unreadable"));
    // The second sort's plan is intact: the shape still gets its finding.
    assertThat(withRule(findings, "sort-spill")).hasSize(1);
    assertThat(workload.digest().parse().skipped()).isEqualTo(1);
  }

  @Test
  void aLogWithoutPlansHasNoPlanFindingsAndNothingSkipped() throws IOException {
    LogWorkload workload = read("pg-stderr/valid.log");

    assertThat(workload.skipped()).isEmpty();
    assertThat(workload.findings(DigestThresholds.DEFAULTS)).extracting(Finding::ruleId)
        .doesNotContain("sort-spill", "seq-scan-large-table");
  }
}
