package io.querydoctor.postgres.health.indexes;

import static io.querydoctor.postgres.health.HealthProbe.execute;
import static io.querydoctor.postgres.health.HealthProbe.findings;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.health.HealthProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class IndexHealthIT {

  private static DiagnosisResults results;

  @BeforeAll
  static void plantIndexProblems(TestDatabase db) throws Exception {
    execute(db,
        "CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL)",
        "INSERT INTO authors SELECT g, 'author ' || g FROM generate_series(1, 100) g",
        // Foreign key without an index, on a table large enough to matter.
        "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES authors, "
            + "editor_id bigint REFERENCES authors, title text, created_at timestamptz NOT NULL DEFAULT now())",
        "INSERT INTO posts SELECT g, 1 + g % 100, 1 + g % 100, 'post ' || g, now() FROM generate_series(1, 2000) g",
        // The editor key is indexed (as the second column of a composite in FK-column order it would not be).
        "CREATE INDEX posts_editor_created_idx ON posts (editor_id, created_at)",
        // A duplicate and a redundant (left-prefix) index.
        "CREATE INDEX posts_title_idx ON posts (title)",
        "CREATE INDEX posts_title_dup_idx ON posts (title)",
        "CREATE INDEX posts_editor_idx ON posts (editor_id)",
        // A small table with an unindexed FK: below the row threshold, so no finding.
        "CREATE TABLE tags (id bigint PRIMARY KEY, author_id bigint REFERENCES authors)",
        "INSERT INTO tags SELECT g, 1 FROM generate_series(1, 10) g",
        // A table without a primary key, one with a promotable unique index, and a quoted identifier.
        "CREATE TABLE audit_log (at timestamptz, message text)",
        "CREATE TABLE \"Legacy Codes\" (code text NOT NULL, label text)",
        "CREATE UNIQUE INDEX legacy_code_key ON \"Legacy Codes\" (code)",
        // Eleven indexes on one table.
        "CREATE TABLE wide (id bigint PRIMARY KEY, " + columns(11) + ")",
        indexes(11),
        "ANALYZE");
    results = HealthProbe.run(db);
  }

  private static String columns(int n) {
    StringBuilder sql = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sql.append(i > 1 ? ", " : "").append("c").append(i).append(" int");
    }
    return sql.toString();
  }

  private static String indexes(int n) {
    StringBuilder sql = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sql.append("CREATE INDEX wide_c").append(i).append("_idx ON wide (c").append(i).append(");");
    }
    return sql.toString();
  }

  @Test
  void foreignKeyWithoutIndexGetsConcurrentCreateIndex() {
    List<Finding> found = findings(results, "missing-fk-index", "public.posts(author_id)");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).fix().sql())
        .isEqualTo("CREATE INDEX CONCURRENTLY posts_author_id_idx ON public.posts (author_id);");
    assertThat(found.get(0).evidence()).anySatisfy(e -> {
      assertThat(e.name()).isEqualTo("table_rows");
      assertThat(e.value()).isEqualTo(2000);
    });
  }

  @Test
  void indexedOrSmallForeignKeysAreSilent() {
    assertThat(findings(results, "missing-fk-index", "public.posts(editor_id)")).isEmpty();
    assertThat(findings(results, "missing-fk-index", "public.tags(author_id)")).isEmpty();
  }

  @Test
  void duplicateIndexIsDroppedKeepingTheOther() {
    List<Finding> found = findings(results, "duplicate-index");
    assertThat(found).extracting(f -> f.subject().name()).containsExactly("public.posts_title_idx");
    assertThat(found.get(0).title()).contains("public.posts_title_dup_idx");
    assertThat(found.get(0).fix().sql()).isEqualTo("DROP INDEX CONCURRENTLY public.posts_title_idx;");
  }

  @Test
  void leftPrefixIndexIsRedundantAndNamesTheCoveringIndex() {
    List<Finding> found = findings(results, "redundant-index");
    assertThat(found).extracting(f -> f.subject().name()).containsExactly("public.posts_editor_idx");
    assertThat(found.get(0).fix().sql()).isEqualTo("DROP INDEX CONCURRENTLY public.posts_editor_idx;");
    assertThat(found.get(0).fix().summary()).contains("public.posts_editor_created_idx");
  }

  @Test
  void neverScannedIndexIsOnlyInfoWhileStatisticsAreYoung() {
    // posts_title_idx and posts_title_dup_idx are duplicates, both never scanned: one is dropped (the duplicate
    // rule keeps posts_title_dup_idx), and with statistics this young the one kept is not proposed as unused too,
    // or title would be left without an index (IndexHygieneRule).
    List<Finding> found = findings(results, "unused-index", "public.posts_title_idx");
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.fix().sql()).isEqualTo("DROP INDEX CONCURRENTLY public.posts_title_idx;");
      assertThat(f.fix().summary()).contains("Keep public.posts_title_dup_idx");
    });
    assertThat(findings(results, "unused-index", "public.posts_title_dup_idx")).isEmpty();
    assertThat(findings(results, "unused-index", "public.posts_pkey")).as("primary keys are never unused").isEmpty();
  }

  @Test
  void neverScannedIndexThatServesAForeignKeyIsNotProposedForDropping(TestDatabase db) throws Exception {
    // Regression: dropping an "unused" index on posts(editor_id, …) would leave the editor_id foreign key
    // unindexed, so deleting an author would scan posts.
    DiagnosisResults aged = HealthProbe.run(db, Map.of("unused-index-min-stats-age", "0s"));
    assertThat(findings(aged, "unused-index", "public.posts_editor_created_idx")).isEmpty();
    assertThat(findings(aged, "unused-index", "public.posts_title_dup_idx")).hasSize(1);
  }

  @Test
  void unusedIndexIsLowOnceStatisticsAreOldEnough(TestDatabase db) throws Exception {
    DiagnosisResults aged = HealthProbe.run(db, Map.of("unused-index-min-stats-age", "0s"));
    assertThat(findings(aged, "unused-index", "public.posts_title_dup_idx"))
        .singleElement().extracting(Finding::severity).isEqualTo(Severity.LOW);
  }

  @Test
  void tablesWithoutPrimaryKeyAreReportedWithAPasteableFix() {
    assertThat(findings(results, "missing-primary-key", "public.audit_log")).singleElement()
        .satisfies(f -> assertThat(f.fix().sql()).isEqualTo(
            "ALTER TABLE public.audit_log ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;"));
    assertThat(findings(results, "missing-primary-key", "public.Legacy Codes")).singleElement()
        .satisfies(f -> assertThat(f.fix().sql()).isEqualTo(
            "ALTER TABLE public.\"Legacy Codes\" ADD CONSTRAINT \"Legacy Codes_pkey\" PRIMARY KEY USING INDEX "
                + "legacy_code_key;"));
    assertThat(findings(results, "missing-primary-key", "public.posts")).isEmpty();
  }

  @Test
  void tableWithElevenIndexesIsOverIndexed() {
    assertThat(findings(results, "over-indexed-table", "public.wide")).singleElement()
        .satisfies(f -> assertThat(f.evidence().get(0).value()).isEqualTo(12));
    assertThat(findings(results, "over-indexed-table", "public.posts")).isEmpty();
  }
}
