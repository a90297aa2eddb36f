package io.querydoctor.postgres.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class PgStatStatementsReaderIT {

  private static final String LOOKUP = "SELECT id FROM pgss_items WHERE id = ?";

  @Test
  void deltaBetweenTwoSnapshotsCountsOnlyTheCallsInBetween(TestDatabase db) throws SQLException {
    try (Connection app = db.connect(); SafeExecutor executor = new SafeExecutor(db.connect())) {
      try (Statement s = app.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        s.execute("CREATE TABLE pgss_items AS SELECT g AS id FROM generate_series(1, 1000) g");
      }
      run(app, 30);
      PgStatStatementsReader reader = new PgStatStatementsReader();
      PgStatStatementsSnapshot before = reader.snapshot(executor);
      run(app, 20);
      PgStatStatementsSnapshot after = reader.snapshot(executor);

      assertThat(after.serverVersionNum()).isGreaterThanOrEqualTo(130000);
      assertThat(callsOfLookup(before.toDigest("before"))).isGreaterThanOrEqualTo(30);
      WorkloadDigest delta = after.since(before).toDigest("delta");
      ShapeDigest lookup = lookup(delta);
      assertThat(lookup.calls()).isEqualTo(20);
      assertThat(lookup.totalMillis()).isPositive();
      assertThat(lookup.p95Millis()).isNull();
      assertThat(lookup.databases()).containsOnlyKeys(db.name());
      // pg_stat_statements' `$1` and the application's `?` are the same shape to our fingerprinter.
      assertThat(lookup.example()).isEqualTo("SELECT id FROM pgss_items WHERE id = ?");
    }
  }

  @Test
  void saysClearlyWhenTheExtensionIsNotInstalled(TestDatabase db) throws SQLException {
    String bare = db.server().createUniqueDatabase("nopgss");
    try (SafeExecutor executor = new SafeExecutor(db.server().connect(bare))) {
      assertThatThrownBy(() -> new PgStatStatementsReader().snapshot(executor))
          .isInstanceOf(PgStatStatementsUnavailable.class).hasMessageContaining("CREATE EXTENSION pg_stat_statements");
    }
  }

  private static void run(Connection app, int times) throws SQLException {
    try (PreparedStatement lookup = app.prepareStatement(LOOKUP)) {
      for (int i = 0; i < times; i++) {
        lookup.setInt(1, i + 1);
        try (ResultSet rs = lookup.executeQuery()) {
          rs.next();
        }
      }
    }
  }

  private static ShapeDigest lookup(WorkloadDigest digest) {
    return digest.shapes().stream().filter(s -> s.example().contains("pgss_items WHERE")).findFirst().orElseThrow();
  }

  private static long callsOfLookup(WorkloadDigest digest) {
    return lookup(digest).calls();
  }
}
