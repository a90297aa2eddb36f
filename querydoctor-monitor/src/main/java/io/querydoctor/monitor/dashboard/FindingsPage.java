package io.querydoctor.monitor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The latest heavy-check diagnosis ranked by severity (then impact), with its evidence, the fix to copy and the
 * supporting findings merged into it; each can be suppressed with a reason (stored), and suppressed ones are
 * listed with theirs. {@link IndexesPage} shows the index findings of the same diagnosis.
 */
final class FindingsPage implements PageSource {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One stored finding, read from its JSON. */
  record Stored(String key, String rule, String severity, JsonNode finding, java.time.Instant firstSeen) {}

  @Override
  public Page build(PageContext c) throws SQLException {
    List<Stored> findings = latest(c);
    List<Page.Section> sections = new ArrayList<>();
    sections.add(table(c, findings, f -> true, "Latest diagnosis", true));
    List<List<Page.Cell>> suppressed = c.store().query(
        "SELECT key, reason, at FROM qd_monitor.finding_suppression WHERE target = ? ORDER BY at DESC",
        rs -> List.of(Page.Cell.code(Shown.prose(rs.getString(1))), Page.Cell.of(Shown.prose(rs.getString(2))),
            Page.Cell.of(Shown.time(DashboardStore.instant(rs, "at")))), c.target());
    sections.add(Page.Section.table("Suppressed", "Hidden from this dashboard with the reason given.",
        new Page.Table(List.of(QueryPage.col("finding"), QueryPage.col("reason"), QueryPage.col("since")),
            suppressed, null)));
    return c.page("findings", "Findings", sections);
  }

  /** The findings of the latest heavy run, most severe first, suppressed ones left out. */
  static List<Stored> latest(PageContext c) throws SQLException {
    return c.store().query("""
        SELECT key, rule_id, severity, finding::text, first_seen FROM qd_monitor.finding f WHERE target = ?
           AND last_seen = (SELECT max(last_seen) FROM qd_monitor.finding WHERE target = f.target)
           AND NOT EXISTS (SELECT 1 FROM qd_monitor.finding_suppression x WHERE x.target = f.target AND x.key = f.key)
         ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3
                  ELSE 4 END, (finding -> 'impact' ->> 'score')::float8 DESC NULLS LAST, key""",
        rs -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), parse(rs.getString(4)),
            DashboardStore.instant(rs, "first_seen")), c.target());
  }

  static Page.Section table(PageContext c, List<Stored> findings, Predicate<Stored> which, String title,
      boolean suppressible) {
    List<List<Page.Cell>> rows = new ArrayList<>();
    List<Page.Form> forms = new ArrayList<>();
    for (Stored f : findings) {
      if (!which.test(f)) {
        continue;
      }
      JsonNode n = f.finding();
      rows.add(List.of(Page.Cell.styled(f.severity(), QueryPage.severityStyle(f.severity())), Page.Cell.of(f.rule()),
          Page.Cell.of(Shown.prose(n.path("title").asText()) + "\n" + Shown.prose(n.path("detail").asText(""))),
          Page.Cell.of(evidence(n)), Page.Cell.of(Shown.prose(n.path("fix").path("summary").asText(""))),
          Page.Cell.code(fixSql(n)), Page.Cell.of(supporting(n)), Page.Cell.code(Shown.prose(f.key()))));
    }
    if (suppressible && !rows.isEmpty()) {
      forms.add(new Page.Form("/findings/suppress", "suppress", List.of(Page.Field.hidden("db", c.target()),
          Page.Field.text("key", "finding key"), Page.Field.text("reason", "reason"))));
    }
    return Page.Section.table(title, rows.size() + " findings" + (suppressible ? "; to suppress one, give its key "
        + "and why." : ""),
        new Page.Table(List.of(QueryPage.col("severity"), QueryPage.col("rule"), QueryPage.col("finding"),
            QueryPage.col("evidence"), QueryPage.col("fix"), QueryPage.col("fix SQL"), QueryPage.col("supporting"),
            QueryPage.col("key")), rows, null)).withForms(forms);
  }

  /** DDL and settings the tool generated keep their values (as in reports); a code rewrite is redacted. */
  private static String fixSql(JsonNode n) {
    JsonNode fix = n.path("fix");
    String sql = fix.path("sql").asText("");
    return "CODE".equals(fix.path("kind").asText()) ? Shown.sql(sql) : sql;
  }

  private static String evidence(JsonNode n) {
    List<String> parts = new ArrayList<>();
    for (JsonNode e : n.path("evidence")) {
      parts.add(e.path("name").asText() + " " + Shown.number(e.path("value").asDouble()) + " "
          + e.path("unit").asText(""));
    }
    return String.join("; ", parts);
  }

  private static String supporting(JsonNode n) {
    List<String> parts = new ArrayList<>();
    for (JsonNode s : n.path("supporting")) {
      parts.add(s.path("ruleId").asText() + ": " + Shown.prose(s.path("title").asText()));
    }
    return String.join("\n", parts);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      return JSON.createObjectNode();
    }
  }
}
