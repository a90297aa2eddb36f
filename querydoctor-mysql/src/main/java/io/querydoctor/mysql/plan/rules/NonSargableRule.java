package io.querydoctor.mysql.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.rules.PlanContext;
import io.querydoctor.core.plan.rules.PlanFinding;
import io.querydoctor.core.plan.rules.PlanRule;
import io.querydoctor.mysql.plan.MysqlPlan;
import io.querydoctor.mysql.plan.TableAccessFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code non-sargable-predicate} on MySQL/MariaDB: a full scan's condition wraps a column in a function
 * ({@code DATE(created_at) = …}, printed by MySQL as {@code cast(created_at as date)}; {@code YEAR()},
 * {@code MONTH()}, {@code LOWER()}…), so no index on the column serves it. Fires on full scans reading at least
 * {@code minRowsExamined} rows. The fix is the range rewrite for whole days and years, else an index on the
 * expression: a functional key part on MySQL 8.0.13+, an indexed virtual column on MariaDB (which has no functional
 * key parts). MariaDB 11.1+ rewrites {@code DATE(col) = const} and {@code YEAR(col) = const} into ranges itself.
 */
public final class NonSargableRule implements PlanRule {

  public static final String ID = "non-sargable-predicate";

  private static final Set<String> DAY = Set.of("date");

  private final MysqlPlan mysql;

  public NonSargableRule(MysqlPlan mysql) {
    this.mysql = mysql;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      TableAccessFacts facts = mysql.facts(node);
      if (facts == null || !facts.isFullScan()) {
        continue;
      }
      ScanRows rows = ScanRows.of(node, facts);
      if (rows.read() < context.settings().minRowsExamined()) {
        continue;
      }
      for (MysqlPredicate p : MysqlPredicate.parse(node.conditions().filter())) {
        if (p.isWrapped() && p.comparesWithValue()) {
          findings.add(new PlanFinding(node, finding(context, node, facts, p, rows)));
        }
      }
    }
    return findings;
  }

  private io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode node, TableAccessFacts facts,
      MysqlPredicate p, ScanRows rows) {
    return MysqlFindings.start(context, ID, node, "The condition " + p.left() + " " + p.operator() + " " + p.right()
            + " wraps the column " + p.column() + " in " + p.function() + "(), so an index on " + p.column()
            + " cannot be used for it.")
        .title("Non-sargable condition on " + facts.table() + "." + p.column() + ": " + p.left())
        .subject(Subject.columns(facts.table(), p.column()))
        .evidence(Evidence.crossed("rows_examined_per_scan", rows.read(), "rows", context.settings().minRowsExamined()))
        .fix(fix(facts, p))
        .build();
  }

  private Fix fix(TableAccessFacts facts, MysqlPredicate p) {
    String column = MysqlDdl.quote(p.column());
    boolean wholeDay = p.operator().equals("=") && ("date".equals(p.function())
        || "cast".equals(p.function()) && DAY.contains(p.castType()));
    if (wholeDay) {
      return Fix.code("Compare the column with the day's range instead of truncating it, so an index on "
          + p.column() + " serves it (" + MysqlDdl.addIndex(facts.table(), List.of(p.column())) + " if it has none):",
          column + " >= " + p.right() + " AND " + column + " < " + p.right() + " + INTERVAL 1 DAY");
    }
    if (p.operator().equals("=") && "year".equals(p.function()) && p.right().matches("'?\\d{4}'?")) {
      int year = Integer.parseInt(p.right().replace("'", ""));
      return Fix.code("Compare the column with the year's range instead, so an index on " + p.column()
          + " serves it:", column + " >= '" + year + "-01-01' AND " + column + " < '" + (year + 1) + "-01-01'");
    }
    String expression = p.left();
    String virtual = "v_" + p.function() + "_" + p.column();
    return Fix.sql("No range rewrite keeps this meaning: index the expression exactly as the query writes it. MySQL "
        + "8.0.13+ takes a functional key part; MariaDB needs an indexed virtual column (the query then matches it "
        + "only when it uses the column or the same expression).",
        "-- MySQL 8.0.13+:\nALTER TABLE " + MysqlDdl.quote(facts.table()) + " ADD INDEX "
            + MysqlDdl.quote(MysqlDdl.indexName(facts.table(), List.of(p.function(), p.column()))) + " (("
            + expression + ")), ALGORITHM=INPLACE, LOCK=NONE;\n-- MariaDB:\nALTER TABLE "
            + MysqlDdl.quote(facts.table()) + " ADD COLUMN " + MysqlDdl.quote(virtual) + " INT AS (" + expression
            + ") VIRTUAL, ADD INDEX " + MysqlDdl.quote("idx_" + virtual) + " (" + MysqlDdl.quote(virtual) + ");");
  }
}
