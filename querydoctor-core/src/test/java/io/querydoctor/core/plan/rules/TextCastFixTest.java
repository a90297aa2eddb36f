package io.querydoctor.core.plan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression (#24): a filter {@code (abalance)::text = '5'::text} from an auto_explain plan got
 * {@code CREATE INDEX … (abalance)}, which the planner cannot use for it; and {@code user_id = ANY ($1)} was said
 * to have "no plain column comparison" that an index can use.
 */
class TextCastFixTest {

  private static Plan seqScan(String filter) {
    PlanNode scan = PlanNode.builder("Seq Scan", NodeKind.SEQ_SCAN).relation("pgbench_accounts", "a")
        .estimate(new Estimate(0, 2_890, 1, 97)).actual(new Actual(0, 40, 1, 1))
        .conditions(new Conditions(filter, null, null, null, null, null))
        .rowsRemoved(99_999, 0, 0).build();
    return new Plan(scan, null, null);
  }

  private static List<Finding> findings(PlanRule rule, Plan plan, ColumnTypes types) {
    PlanContext context = new PlanContext(plan, PlanRuleSettings.defaults(), "q", 0, 0, PlanContext.NO_TABLE_ROWS,
        types);
    return rule.check(context).stream().map(PlanFinding::finding).toList();
  }

  private static ColumnTypes typed(String column, String type) {
    return (table, c) -> Map.of(column, type).get(c);
  }

  @Test
  void anIntegerCastToTextGetsTheExpressionIndexNeverTheBareColumn() {
    Plan plan = seqScan("((abalance)::text = '5'::text)");
    Finding seq = findings(new SeqScanLargeTableRule(), plan, typed("abalance", "integer")).get(0);
    assertThat(seq.fix().sql()).isNull();
    List<Finding> nonSargable = findings(new NonSargablePredicateRule(), plan, typed("abalance", "integer"));
    assertThat(nonSargable).singleElement().satisfies(f -> {
      assertThat(f.fix().sql()).isEqualTo("CREATE INDEX CONCURRENTLY ON pgbench_accounts (((abalance)::text));");
      assertThat(f.fix().summary()).contains("abalance = 5");
    });
  }

  @Test
  void whenTheTypeIsUnknownTheCastExpressionIsTheKeyWhichIsRightForAnyType() {
    Finding seq = findings(new SeqScanLargeTableRule(), seqScan("((abalance)::text = '5'::text)"),
        ColumnTypes.UNKNOWN).get(0);
    assertThat(seq.fix().sql()).isEqualTo("CREATE INDEX CONCURRENTLY ON pgbench_accounts (((abalance)::text));")
        .doesNotContain("(abalance);");
    assertThat(seq.fix().summary()).contains("if it is a text (varchar) column, a plain index on it does the same");
    assertThat(findings(new NonSargablePredicateRule(), seqScan("((abalance)::text = '5'::text)"),
        ColumnTypes.UNKNOWN)).as("a varchar column prints the same: no accusation without the type").isEmpty();
  }

  @Test
  void aVarcharColumnComparedAsTextGetsThePlainIndex() {
    Plan plan = seqScan("((email)::text = 'a@b.c'::text)");
    Finding seq = findings(new SeqScanLargeTableRule(), plan, typed("email", "character varying(255)")).get(0);
    assertThat(seq.fix().sql()).isEqualTo("CREATE INDEX CONCURRENTLY ON pgbench_accounts (email);");
    assertThat(findings(new NonSargablePredicateRule(), plan, typed("email", "character varying(255)"))).isEmpty();
  }

  @Test
  void equalsAnyOfAParameterIsIndexable() {
    Finding seq = findings(new SeqScanLargeTableRule(), seqScan("(aid = ANY ($1))"), ColumnTypes.UNKNOWN).get(0);
    assertThat(seq.fix().sql()).isEqualTo("CREATE INDEX CONCURRENTLY ON pgbench_accounts (aid);");
    assertThat(seq.fix().summary()).doesNotContain("No plain column comparison");
    Finding array = findings(new SeqScanLargeTableRule(), seqScan("(aid = ANY ('{1,2,3}'::integer[]))"),
        ColumnTypes.UNKNOWN).get(0);
    assertThat(array.fix().sql()).isEqualTo("CREATE INDEX CONCURRENTLY ON pgbench_accounts (aid);");
  }

  @Test
  void aLikeGetsTheIndexThatServesItsPattern() {
    Finding anchored = findings(new SeqScanLargeTableRule(), seqScan("((email)::text ~~ 'bob%'::text)"),
        ColumnTypes.UNKNOWN).get(0);
    assertThat(anchored.fix().sql()).isEqualTo("CREATE INDEX CONCURRENTLY ON pgbench_accounts (email text_pattern_ops);");
    Finding inner = findings(new SeqScanLargeTableRule(), seqScan("((email)::text ~~ '%bob%'::text)"),
        ColumnTypes.UNKNOWN).get(0);
    assertThat(inner.fix().sql()).contains("gin_trgm_ops").contains("CREATE EXTENSION IF NOT EXISTS pg_trgm");
  }
}
