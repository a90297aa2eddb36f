package io.querydoctor.postgres.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PgEnvironmentTest {

  @Test
  void databaseUrlWinsOverTheLibpqVariables() {
    var environment = new PgEnvironment(Map.of("DATABASE_URL", "postgres://u@db/app", "PGHOST", "other"));
    assertThat(environment.url()).contains("postgres://u@db/app");
  }

  @Test
  void libpqVariablesFillInLibpqDefaults() {
    assertThat(new PgEnvironment(Map.of("PGHOST", "db.example", "PGDATABASE", "shop")).url())
        .contains("jdbc:postgresql://db.example:5432/shop");
    assertThat(new PgEnvironment(Map.of("PGPORT", "6432", "PGUSER", "alice")).url())
        .contains("jdbc:postgresql://localhost:6432/alice");
  }

  @Test
  void nothingSetMeansNoDatabaseNotAGuess() {
    assertThat(new PgEnvironment(Map.of("PGUSER", "alice", "DATABASE_URL", " ")).url()).isEmpty();
  }
}
