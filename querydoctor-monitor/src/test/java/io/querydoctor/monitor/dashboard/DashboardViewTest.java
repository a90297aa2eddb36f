package io.querydoctor.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the pages: routing, ranges and their sources, sparklines, redaction, links. */
class DashboardViewTest {

  private static final Instant NOW = Instant.parse("2026-12-06T15:40:30Z");

  @Test
  void pathsNameTheirPages() {
    assertThat(DashboardServer.Handler.pageName("/")).isEqualTo("overview");
    assertThat(DashboardServer.Handler.pageName("/queries/")).isEqualTo("queries");
    assertThat(DashboardServer.Handler.pageName("/queries/-42")).isEqualTo("query");
    assertThat(DashboardServer.Handler.pageName("/queries/42/x")).isEqualTo("queries/42/x");
  }

  @Test
  void rangesDefaultTo24HoursAndOnlyLongOnesReadRollups() {
    assertThat(TimeRange.parse(null, NOW).length()).isEqualTo(Duration.ofHours(24));
    assertThat(TimeRange.parse("1y", NOW).name()).isEqualTo("24h");
    assertThat(TimeRange.parse("6h", NOW).hourly()).isFalse();
    assertThat(TimeRange.parse("24h", NOW).hourly()).isTrue();
    TimeRange week = TimeRange.parse("7d", NOW);
    assertThat(week.before().to()).isEqualTo(week.from());
    assertThat(week.before().length()).isEqualTo(week.length());
  }

  @Test
  void sourcesCoverTheRangeOnceFromTheCheapestRowsRolledUp() {
    Instant today = Instant.parse("2026-12-06T00:00:00Z");
    Instant currentHour = Instant.parse("2026-12-06T15:00:00Z");
    Instant currentFive = Instant.parse("2026-12-06T15:40:00Z");
    DashboardStore.Rolled current = new DashboardStore.Rolled(today, currentHour, currentFive);

    StatementHistory.Sources hour = StatementHistory.sources("t", TimeRange.parse("1h", NOW), current);
    assertThat(hour.sql()).contains("statement_rollup_5m", "statement_delta").doesNotContain("rollup_hour");
    assertThat(hour.parameters()).containsExactly("t", Instant.parse("2026-12-06T14:40:00Z"), currentFive,
        "t", currentFive, NOW);

    StatementHistory.Sources day = StatementHistory.sources("t", TimeRange.parse("24h", NOW), current);
    assertThat(day.sql()).contains("statement_rollup_hour", "statement_rollup_5m").doesNotContain("rollup_day");
    assertThat(day.parameters()).containsExactly("t", Instant.parse("2026-12-05T15:00:00Z"), currentHour,
        "t", currentHour, currentFive, "t", currentFive, NOW);

    StatementHistory.Sources month = StatementHistory.sources("t", TimeRange.parse("30d", NOW), current);
    assertThat(month.parameters()).containsExactly("t", Instant.parse("2026-11-06T00:00:00Z"), today,
        "t", today, currentHour, "t", currentHour, currentFive, "t", currentFive, NOW);
  }

  @Test
  void whatIsNotRolledUpYetIsReadFromTheSamples() {
    // The rollups stop at 14:00 (the sampler has not caught up): the samples cover everything after.
    Instant rolledHour = Instant.parse("2026-12-06T14:00:00Z");
    DashboardStore.Rolled behind = new DashboardStore.Rolled(Instant.parse("2026-12-06T00:00:00Z"), rolledHour,
        rolledHour);
    StatementHistory.Sources day = StatementHistory.sources("t", TimeRange.parse("24h", NOW), behind);
    assertThat(day.parameters()).containsExactly("t", Instant.parse("2026-12-05T15:00:00Z"), rolledHour,
        "t", rolledHour, rolledHour, "t", rolledHour, NOW);
    StatementHistory.Sources none = StatementHistory.sources("t", TimeRange.parse("1h", NOW),
        DashboardStore.Rolled.NONE);
    Instant start = Instant.parse("2026-12-06T14:40:00Z");
    assertThat(none.parameters()).containsExactly("t", start, start, "t", start, NOW);
  }

  @Test
  void fiveMinuteBucketsStartOnTheirMinute() {
    assertThat(StatementRollup.fiveMinuteStart(Instant.parse("2026-12-06T15:44:59Z")))
        .isEqualTo(Instant.parse("2026-12-06T15:40:00Z"));
    assertThat(StatementRollup.fiveMinuteStart(Instant.parse("2026-12-06T15:45:00Z")))
        .isEqualTo(Instant.parse("2026-12-06T15:45:00Z"));
  }

  @Test
  void sparklinesScaleToTheirMaximum() {
    assertThat(Shown.sparkline(new double[] {0, 5, 10})).isEqualTo("0.0,19.0 50.0,10.0 100.0,1.0");
    assertThat(Shown.sparkline(new double[] {0, 0})).isEqualTo("0.0,19.0 100.0,19.0");
  }

  @Test
  void textsAreRedactedAndChangesSigned() {
    assertThat(Shown.sql("SELECT * FROM users WHERE email = 'a@b.c' AND id = 42")).doesNotContain("a@b.c", "42");
    assertThat(Shown.sql("x".repeat(5000))).hasSizeLessThan(2010);
    assertThat(Shown.change(0, 5)).isEqualTo("new");
    assertThat(Shown.change(10, 25)).isEqualTo("+150 %");
    assertThat(Shown.change(10, 5)).isEqualTo("-50 %");
    assertThat(DashboardServer.redact("ERROR: invalid input syntax for type integer: \"secret-value\""))
        .doesNotContain("secret-value").endsWith(": \"?\"");
    assertThat(DashboardServer.redact("duplicate key value violates unique constraint \"users_email\" Detail: Key "
        + "(email)=(a@b.c) already exists.")).contains("\"users_email\"", "Key (email)=(?)").doesNotContain("a@b.c");
    assertThat(DashboardServer.redact("password=hunter2 host=db")).doesNotContain("hunter2");
  }

  @Test
  void linksKeepTheSelectionAndEncodeIt() {
    PageLinks links = new PageLinks("/queries", "jdbc:postgresql://h/db?x=1&y=2", "7d", "a&b");
    assertThat(links.page("findings")).isEqualTo("/findings?range=7d&db=jdbc%3Apostgresql%3A%2F%2Fh%2Fdb%3Fx%3D1%26y%3D2");
    assertThat(links.sortedBy("calls")).endsWith("&sort=calls&q=a%26b");
    assertThat(links.nav()).extracting(PageLinks.Nav::id).containsExactly("overview", "queries", "findings",
        "indexes", "space", "connections", "maintenance", "alerts", "deploys");
  }

  @Test
  void requestsParseFormsOnce() {
    DashboardRequest request = DashboardRequest.get("/x", Map.of("q", "a b"));
    assertThat(request.parameter("q")).isEqualTo("a b");
    assertThat(request.parameter("nope")).isNull();
    assertThat(List.of(request.method(), request.path())).containsExactly("GET", "/x");
  }
}
