package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.plan.Plan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of {@code diagnose --analyze}: which column each parameter meets, the budget, the arguments. */
class AnalyzeSamplingTest {

  /** A generic plan as PostgreSQL 15 prints it for a join with a cast and a parameter on each side. */
  private static final String GENERIC_JOIN = """
      [{"Plan": {"Node Type": "Hash Join", "Join Type": "Inner", "Startup Cost": 1, "Total Cost": 2,
        "Plan Rows": 10, "Plan Width": 8, "Hash Cond": "(o.user_id = u.id)",
        "Plans": [
          {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "orders", "Alias": "o",
           "Startup Cost": 0, "Total Cost": 1, "Plan Rows": 10, "Plan Width": 8,
           "Filter": "((status = $2) AND ((created_at)::date >= $3))"},
          {"Node Type": "Hash", "Parent Relationship": "Inner", "Startup Cost": 0, "Total Cost": 1,
           "Plan Rows": 10, "Plan Width": 8,
           "Plans": [{"Node Type": "Index Scan", "Parent Relationship": "Outer", "Scan Direction": "Forward",
             "Index Name": "users_country_idx", "Relation Name": "users", "Alias": "u", "Startup Cost": 0,
             "Total Cost": 1, "Plan Rows": 10, "Plan Width": 8, "Index Cond": "(country = $1)"}]}]}}]
      """;

  @Test
  void eachParameterIsMatchedToTheColumnOfTheRelationItIsComparedWith() {
    Plan plan = new PgPlanReader().read(GENERIC_JOIN);

    var uses = SampleValues.uses(plan);

    assertThat(uses.get(1)).hasToString("Use[relation=users, column=country, operator==]");
    assertThat(uses.get(2)).hasToString("Use[relation=orders, column=status, operator==]");
    assertThat(uses.get(3)).hasToString("Use[relation=orders, column=created_at, operator=>=]");
    assertThat(uses).doesNotContainKey(4);
  }

  @Test
  void theBudgetGivesEachStatementWhatIsLeftAtMostTenSecondsAndNothingOnceSpent() {
    MutableClock clock = new MutableClock();
    AnalyzeBudget budget = new AnalyzeBudget(Duration.ofSeconds(25), clock);

    assertThat(budget.nextTimeout()).isEqualTo(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(20));
    assertThat(budget.nextTimeout()).isEqualTo(Duration.ofSeconds(5));
    clock.advance(Duration.ofMillis(4_950));
    assertThat(budget.nextTimeout()).isNull();
  }

  @Test
  void budgetsParseAsTheOptionDocumentsThem() {
    assertThat(AnalyzeBudget.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(AnalyzeBudget.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(AnalyzeBudget.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(AnalyzeBudget.parse("45")).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> AnalyzeBudget.parse("soon")).hasMessageContaining("not a duration: 'soon'");
    assertThatThrownBy(() -> new AnalyzeBudget(Duration.ZERO)).hasMessageContaining("must be positive");
  }

  @Test
  void sampleValuesAreUntypedLiteralsWithTheirQuotesDoubled() {
    assertThat(SampledRun.arguments(List.of("pending", "O'Brien", "10"))).isEqualTo("('pending', 'O''Brien', '10')");
    assertThat(SampledRun.arguments(List.of())).isEmpty();
  }

  @Test
  void calledNamesAreTheCandidatesForTheVolatileCheckOutsideLiteralsAndComments() {
    StatementText text = StatementText.of("SELECT public.bump(id), count(*), 'random()' FROM t /* pg_sleep(1) */ "
        + "WHERE id IN (1, 2) AND x = ANY ($1)");

    assertThat(text.calledNames()).containsExactly("any", "bump", "count", "in");
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-06T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
