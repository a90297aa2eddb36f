package io.querydoctor.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FakeConnection;
import io.querydoctor.core.capture.ManualTicker;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.sql.SqlDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The n-plus-one's batched form in the dialect of the database the diagnosis ran on. */
class DialectFixesTest {

  private final ManualTicker ticker = new ManualTicker();
  private final CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker)
      .callSites(CallSiteMode.ON_REPEAT).slowQueryLog(false).build());

  private Finding nPlusOne() {
    FakeConnection c = new FakeConnection(session, ticker, false);
    try (Scope scope = session.scope("GET /posts")) {
      c.run("SELECT * FROM posts ORDER BY id LIMIT 20", 0, 2, 10);
      for (int i = 0; i < 10; i++) {
        c.run("SELECT id, body FROM comments WHERE post_id = ?", i, 1, 3);
      }
    }
    return session.findings().stream().filter(f -> f.ruleId().equals("n-plus-one")).findFirst().orElseThrow();
  }

  @Test
  void mysqlAndMariaDbGetAnInListInsteadOfTheArrayParameter() {
    Finding original = nPlusOne();
    Finding mysql = DialectFixes.in(SqlDialect.MYSQL, List.of(original)).get(0);
    assertThat(mysql.fix().sql()).isEqualTo("SELECT id, body FROM comments WHERE post_id IN (…)");
    // Everything else stays: the summary, the BatchLoader snippet (IN (:keys) reads on both), the call site.
    assertThat(mysql.fix().summary()).isEqualTo(original.fix().summary());
    assertThat(mysql.fix().code()).isEqualTo(original.fix().code()).contains("IN (:keys)");
    assertThat(mysql.callSite()).isNotNull().isEqualTo(original.callSite());
  }

  @Test
  void postgresqlAndCaptureWithoutADatabaseKeepTheArrayParameter() {
    Finding original = nPlusOne();
    assertThat(original.fix().sql()).isEqualTo("SELECT id, body FROM comments WHERE post_id = ANY (?)");
    assertThat(DialectFixes.in(SqlDialect.POSTGRESQL, List.of(original))).containsExactly(original);
  }

  @Test
  void anNPlusOneMergedUnderAnotherFindingIsRewrittenToo() {
    Finding original = nPlusOne();
    Finding other = Finding.builder("too-many-queries", original.severity()).title("t")
        .subject(original.subject()).detail("d").impact(original.impact())
        .evidence(original.evidence().get(0)).fix(Fix.action("batch the loop")).build()
        .withSupporting(List.of(original));
    Finding headline = DialectFixes.in(SqlDialect.MYSQL, List.of(other)).get(0);
    assertThat(headline.fix()).isEqualTo(other.fix());
    assertThat(headline.supporting()).singleElement()
        .satisfies(f -> assertThat(f.fix().sql()).endsWith("post_id IN (…)"));
  }
}
