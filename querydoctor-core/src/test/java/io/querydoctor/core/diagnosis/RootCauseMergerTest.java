package io.querydoctor.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The findings of the demo database as the analyzers report them (subjects and concerns as in a real run). */
class RootCauseMergerTest {

  private static final String POSTS_BY_USER = "d892e68802d082f3";
  private static final String POSTS_OF_DAY = "5be3ff3a0c1b57d0";

  private final Finding missingFkIndex = finding("missing-fk-index", Severity.MEDIUM, 0,
      Subject.columns("public.posts", "user_id"));
  private final Finding nPlusOne = finding("n-plus-one", Severity.HIGH, 1_000_000,
      Subject.fingerprint(POSTS_BY_USER), Subject.scope("GET /users-with-posts"));
  private final Finding tooManyQueries = finding("too-many-queries", Severity.HIGH, 1_010_000,
      Subject.scope("GET /users-with-posts"));
  private final Finding seqScanByUser = finding("seq-scan-large-table", Severity.MEDIUM, 900_000,
      Subject.table("posts"), Subject.columns("posts", "user_id"), Subject.fingerprint(POSTS_BY_USER));
  private final Finding nonSargable = finding("non-sargable-predicate", Severity.HIGH, 50_000,
      Subject.columns("posts", "created_at"), Subject.fingerprint(POSTS_OF_DAY));
  private final Finding seqScanOfDay = finding("seq-scan-large-table", Severity.MEDIUM, 40_000,
      Subject.table("posts"), Subject.fingerprint(POSTS_OF_DAY));

  @Test
  void aMissingIndexSeenInTheCatalogThePlansAndTheApplicationIsOneFindingHeadedByTheCause() {
    List<Finding> merged = RootCauseMerger.merge(List.of(nPlusOne, missingFkIndex, tooManyQueries, seqScanByUser));

    assertThat(merged).hasSize(1);
    Finding head = merged.get(0);
    assertThat(head.ruleId()).isEqualTo("missing-fk-index");
    assertThat(head.severity()).as("the worst of the group").isEqualTo(Severity.HIGH);
    assertThat(head.impact().millisPerHour()).as("the largest, not the sum").isEqualTo(1_010_000);
    assertThat(head.impact().basis()).startsWith("as too-many-queries: ");
    assertThat(head.supporting()).extracting(Finding::ruleId)
        .containsExactly("too-many-queries", "n-plus-one", "seq-scan-large-table");
  }

  @Test
  void problemsOnTheSameTableWithDifferentCausesStayApart() {
    List<Finding> merged = RootCauseMerger.merge(List.of(missingFkIndex, seqScanByUser, nonSargable, seqScanOfDay));

    assertThat(merged).extracting(Finding::ruleId).containsExactly("missing-fk-index", "non-sargable-predicate");
    assertThat(merged.get(1).supporting()).containsExactly(seqScanOfDay);
  }

  @Test
  void aTablesLowIndexUsageJoinsThePlanProblemThatExplainsItsScansAndOnlyThatOne() {
    Finding lowIndexUsage = finding("low-index-usage", Severity.MEDIUM, 0, Subject.table("public.posts"));

    List<Finding> merged = RootCauseMerger.merge(List.of(missingFkIndex, seqScanByUser, nonSargable, seqScanOfDay,
        lowIndexUsage));

    assertThat(merged).extracting(Finding::ruleId).containsExactly("missing-fk-index", "non-sargable-predicate");
    assertThat(merged.stream().filter(f -> f.supporting().contains(lowIndexUsage))).hasSize(1);
    assertThat(merged.get(0).severity()).as("a symptom raises nothing").isEqualTo(Severity.MEDIUM);
  }

  @Test
  void aLowIndexUsageNoPlanExplainsStaysAlone() {
    Finding lowIndexUsage = finding("low-index-usage", Severity.MEDIUM, 0, Subject.table("public.comments"));

    List<Finding> merged = RootCauseMerger.merge(List.of(missingFkIndex, seqScanByUser, lowIndexUsage));

    assertThat(merged).extracting(Finding::ruleId).containsExactlyInAnyOrder("missing-fk-index", "low-index-usage");
  }

  @Test
  void aLongTransactionHeadsTheLockWaitsItCausesAcrossCaptureAndCatalog() {
    Finding longTransaction = finding("long-transaction", Severity.HIGH, 3_500_000,
        Subject.scope("POST /orders/{id}/refund"), Subject.table("orders"));
    Finding slowWrite = finding("slow-query", Severity.HIGH, 3_400_000, Subject.fingerprint("13cab30b06067233"),
        Subject.scope("POST /orders/{id}/ship"), Subject.table("orders"));
    Finding lockWait = finding("lock-contention", Severity.HIGH, 4_300, Subject.session(21534),
        Subject.session(21531), Subject.table("orders"));
    Finding idle = finding("idle-in-transaction", Severity.HIGH, 0, Subject.session(21531));
    Finding unrelatedSlowRead = finding("slow-query", Severity.MEDIUM, 10, Subject.fingerprint("aaaa"),
        Subject.scope("GET /admin/stats"));

    List<Finding> merged = RootCauseMerger.merge(List.of(idle, lockWait, slowWrite, longTransaction,
        unrelatedSlowRead));

    assertThat(merged).extracting(Finding::ruleId).containsExactly("long-transaction", "slow-query");
    assertThat(merged.get(0).supporting()).extracting(Finding::ruleId)
        .containsExactlyInAnyOrder("slow-query", "lock-contention", "idle-in-transaction");
  }

  @Test
  void tablesAloneDoNotMergeFindingsOutsideTheLockAndStatisticsFamilies() {
    Finding staleStatistics = finding("stale-statistics", Severity.MEDIUM, 0, Subject.table("public.orders"));
    Finding autovacuumOff = finding("vacuum-overdue", Severity.LOW, 0, Subject.table("public.orders"));
    Finding bloat = finding("table-bloat", Severity.LOW, 0, Subject.table("public.orders"));

    List<Finding> merged = RootCauseMerger.merge(List.of(autovacuumOff, bloat, staleStatistics));

    assertThat(merged).extracting(Finding::ruleId).containsExactlyInAnyOrder("stale-statistics", "table-bloat");
  }

  @Test
  void aNonSargableFilterStaysApartFromAnIndexAdvisedOnItsColumn() {
    Finding advisedIndex = finding("missing-index", Severity.HIGH, 10_000, Subject.columns("public.posts", "created_at DESC"));

    assertThat(RootCauseMerger.merge(List.of(advisedIndex, nonSargable))).hasSize(2);
  }

  @Test
  void columnKeysCompareTheLeadingColumnWithoutSchemaCaseOrQuotes() {
    assertThat(MergeKeys.leadingColumn("public.posts(user_id, created_at)")).contains("posts(user_id)");
    assertThat(MergeKeys.leadingColumn("\"Posts\"(\"User_Id\")")).contains("posts(user_id)");
    assertThat(MergeKeys.leadingColumn("public.posts(created_at DESC, id)")).contains("posts(created_at)");
    assertThat(MergeKeys.leadingColumn("posts")).isEmpty();
  }

  private static Finding finding(String rule, Severity severity, double millisPerHour, Subject subject,
      Subject... concerns) {
    Finding.Builder builder = Finding.builder(rule, severity).title(rule + " on " + subject).subject(subject)
        .evidence(Evidence.of("value", 1, "count")).impact(new Impact(millisPerHour, "test"))
        .fix(Fix.action("fix " + rule));
    for (Subject concern : concerns) {
      builder.concerns(concern);
    }
    return builder.build();
  }
}
