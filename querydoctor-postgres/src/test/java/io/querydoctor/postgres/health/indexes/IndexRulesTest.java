package io.querydoctor.postgres.health.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.postgres.health.QualifiedName;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of the duplicate and redundant rules that the integration test does not build. */
class IndexRulesTest {

  private static final QualifiedName TABLE = new QualifiedName("public", "t");

  private static IndexCatalogCheck.Row index(String name, String keys, int keyCount, boolean unique,
      String predicate) {
    return index(name, keys, keyCount, unique, predicate, 0, 3600);
  }

  private static IndexCatalogCheck.Row index(String name, String keys, int keyCount, boolean unique,
      String predicate, long scans, long statsAgeSeconds) {
    String[] k = keys.split(" ");
    String classes = String.join(" ", Collections.nCopies(keyCount, "3124"));
    String options = String.join(" ", Collections.nCopies(keyCount, "0"));
    return new IndexCatalogCheck.Row(TABLE, TABLE.sibling(name), "btree", unique, unique, false, true, keys, keyCount,
        classes, options, "", predicate, "cols " + keys, 8192 * k.length, scans, 0, 0, statsAgeSeconds);
  }

  @Test
  void indexWithIncludeColumnsIsNotRedundant() {
    var rows = List.of(index("a_inc", "1 3", 1, false, ""), index("a_b", "1 2", 2, false, ""));
    assertThat(new RedundantIndexRule().evaluate(rows)).isEmpty();
  }

  @Test
  void uniqueOrPartialPrefixIsNotRedundant() {
    var rows = List.of(index("a_unique", "1", 1, true, ""), index("a_where", "1", 1, false, "(b > 0)"),
        index("a_b", "1 2", 2, false, ""));
    assertThat(new RedundantIndexRule().evaluate(rows)).isEmpty();
  }

  @Test
  void nonUniqueIndexOnTheSameColumnsAsAUniqueOneIsRedundant() {
    var rows = List.of(index("a_plain", "1", 1, false, ""), index("a_key", "1", 1, true, ""));
    assertThat(new RedundantIndexRule().evaluate(rows)).singleElement()
        .satisfies(f -> assertThat(f.subject().name()).isEqualTo("public.a_plain"));
    assertThat(new DuplicateIndexRule().evaluate(rows)).as("uniqueness differs: not duplicates").isEmpty();
  }

  @Test
  void threeIdenticalIndexesGiveTwoDuplicatesKeepingTheConstraintIndex() {
    var rows = List.of(index("x1", "1", 1, false, ""), index("x2", "1", 1, false, ""), index("x3", "1", 1, false, ""));
    assertThat(new DuplicateIndexRule().evaluate(rows)).extracting(f -> f.subject().name())
        .containsExactly("public.x2", "public.x3");
  }

  @Test
  void ofTwoIdenticalPrefixIndexesOnlyTheKeptOneIsCalledRedundant() {
    var rows = List.of(index("c1", "1", 1, false, ""), index("c2", "1", 1, false, ""),
        index("c_price", "1 2", 2, false, ""));
    assertThat(new DuplicateIndexRule().evaluate(rows)).extracting(f -> f.subject().name())
        .containsExactly("public.c2");
    assertThat(new RedundantIndexRule().evaluate(rows)).extracting(f -> f.subject().name())
        .containsExactly("public.c1");
  }

  @Test
  void fkIndexNameFollowsPostgresAndFitsTheIdentifierLimit() {
    assertThat(MissingFkIndexRule.indexName(TABLE, List.of("user_id", "tenant_id"))).isEqualTo("t_user_id_tenant_id_idx");
    String name = MissingFkIndexRule.indexName(new QualifiedName("public", "x".repeat(60)), List.of("customer_id"));
    assertThat(name).hasSize(63).endsWith("_idx");
  }

  /**
   * Regression (#24): a duplicate, the index it duplicates (a prefix of a longer one) and the longer one (unused)
   * were all proposed for dropping, leaving the column without any index.
   */
  @Test
  void dropsComputedTogetherKeepTheLastIndexOnAColumnQueriesUse() {
    long week = 8 * 24 * 3600;
    var rows = List.of(index("u_dup", "1", 1, false, "", 0, week), index("u_used", "1", 1, false, "", 500, week),
        index("u_wide", "1 2", 2, false, "", 0, week));
    var findings = new IndexHygieneRule(io.querydoctor.postgres.health.HealthThresholds.defaults()).evaluate(rows);
    assertThat(findings).extracting(f -> f.subject().name()).doesNotContain("public.u_used")
        .contains("public.u_dup", "public.u_wide");
    assertThat(findings).filteredOn(f -> f.subject().name().equals("public.u_wide"))
        .allSatisfy(f -> assertThat(f.fix().summary()).contains("Keep public.u_used"));
    var separately = new java.util.ArrayList<String>();
    new UnusedIndexRule(io.querydoctor.postgres.health.HealthThresholds.defaults()).evaluate(rows)
        .forEach(f -> separately.add(f.subject().name()));
    new DuplicateIndexRule().evaluate(rows).forEach(f -> separately.add(f.subject().name()));
    new RedundantIndexRule().evaluate(rows).forEach(f -> separately.add(f.subject().name()));
    assertThat(separately).as("each rule alone drops all three").contains("public.u_dup", "public.u_used",
        "public.u_wide");
  }

  @Test
  void indexesNoQueryUsedOverAFullCycleMayAllGo() {
    long week = 8 * 24 * 3600;
    var rows = List.of(index("n1", "1", 1, false, "", 0, week), index("n2", "1 2", 2, false, "", 0, week));
    var findings = new IndexHygieneRule(io.querydoctor.postgres.health.HealthThresholds.defaults()).evaluate(rows);
    assertThat(findings).extracting(f -> f.subject().name()).contains("public.n1", "public.n2");
    assertThat(findings).allSatisfy(f -> assertThat(f.fix().summary()).doesNotContain("Keep "));
  }

  @Test
  void withYoungStatisticsOneIndexOfTheColumnIsKept() {
    var rows = List.of(index("y1", "1", 1, false, "", 0, 3600), index("y2", "1 2", 2, false, "", 0, 3600));
    var findings = new IndexHygieneRule(io.querydoctor.postgres.health.HealthThresholds.defaults()).evaluate(rows);
    assertThat(findings).extracting(f -> f.subject().name()).doesNotContain("public.y1").contains("public.y2");
  }
}
