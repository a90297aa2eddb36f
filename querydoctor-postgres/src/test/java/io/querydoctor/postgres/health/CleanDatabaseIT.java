package io.querydoctor.postgres.health;

import static io.querydoctor.postgres.health.HealthProbe.execute;
import static io.querydoctor.postgres.health.HealthProbe.executeAndFlushStats;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A well-kept schema with data and some traffic: the health checks must not raise anything above info. */
@ExtendWith(EmbeddedPostgresExtension.class)
class CleanDatabaseIT {

  @Test
  void healthyDatabaseYieldsNothingAboveInfo(TestDatabase db) throws Exception {
    execute(db, "CREATE EXTENSION pg_stat_statements");
    executeAndFlushStats(db,
        "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE)",
        "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            + "user_id bigint NOT NULL REFERENCES users, total numeric NOT NULL, placed_at timestamptz NOT NULL)",
        "CREATE INDEX orders_user_id_placed_at_idx ON orders (user_id, placed_at)",
        "INSERT INTO users (email) SELECT 'user' || g || '@example.com' FROM generate_series(1, 5000) g",
        "INSERT INTO orders (user_id, total, placed_at) SELECT 1 + g % 5000, g % 97, now() - g * interval '1 min' "
            + "FROM generate_series(1, 50000) g");
    executeAndFlushStats(db, "ANALYZE");
    StringBuilder traffic = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      traffic.append("SELECT sum(total) FROM orders WHERE user_id = ").append(i).append(";");
    }
    executeAndFlushStats(db, traffic.toString());

    DiagnosisResults results = HealthProbe.run(db);

    assertThat(results.findings()).allSatisfy(f -> assertThat(f.severity()).as(f.key()).isEqualTo(Severity.INFO));
    assertThat(results.skipped()).isEmpty();
  }
}
