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

/**
 * {@code index-merge-intersect}: an index merge intersection reads two (or more) single-column indexes and
 * intersects their row ids — MySQL's own documentation names it the sign of a missing composite index. One index on
 * all the columns finds the rows in one lookup. Unions (OR conditions) are what index merge is for, and stay silent.
 */
public final class IndexMergeRule implements PlanRule {

  public static final String ID = "index-merge-intersect";

  private final MysqlPlan mysql;

  public IndexMergeRule(MysqlPlan mysql) {
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
      if (facts == null || !"intersect".equals(facts.indexMerge())) {
        continue;
      }
      List<String> columns = IndexColumns.forFilter(node.conditions().filter());
      if (columns.size() < 2) {
        columns = facts.mergedIndexes().stream().filter(i -> i.contains("("))
            .map(i -> i.substring(i.indexOf('(') + 1, i.indexOf(')'))).toList();
      }
      Fix fix = columns.size() >= 2
          ? Fix.sql("Replace the intersection with one composite index on " + String.join(", ", columns) + ".",
              MysqlDdl.addIndex(facts.table(), columns))
          : Fix.action("Create one composite index on the columns of " + String.join(", ", facts.mergedIndexes()) + ".");
      findings.add(new PlanFinding(node, MysqlFindings.start(context, ID, node, "The scan intersects the row ids of "
              + String.join(" and ", facts.mergedIndexes()) + " (index merge, Using intersect).")
          .title("Index merge intersection on " + facts.table() + ": a composite index is missing")
          .subject(Subject.table(facts.table()))
          .evidence(Evidence.of("indexes_merged", facts.mergedIndexes().size(), "count"))
          .fix(fix)
          .build()));
    }
    return findings;
  }
}
