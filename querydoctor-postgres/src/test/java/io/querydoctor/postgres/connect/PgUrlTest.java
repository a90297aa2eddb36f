package io.querydoctor.postgres.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgUrlTest {

  @Test
  void parsesHostPortAndDatabaseAndDefaultsThePort() throws ConnectionFailure {
    PgUrl url = PgUrl.parse("jdbc:postgresql://db.example:6432/app?sslmode=require&password=hunter2");
    assertThat(url.host()).isEqualTo("db.example");
    assertThat(url.port()).isEqualTo(6432);
    assertThat(url.database()).isEqualTo("app");
    assertThat(url.redacted()).isEqualTo("jdbc:postgresql://db.example:6432/app");
    assertThat(PgUrl.parse("jdbc:postgresql://h/d").port()).isEqualTo(5432);
  }

  @Test
  void refusesWhatIsNotAPostgresUrlWithoutEchoingSecrets() {
    assertThatThrownBy(() -> PgUrl.parse("jdbc:mysql://u:hunter2@h/app?password=hunter2"))
        .isInstanceOf(ConnectionFailure.class).hasMessageContaining("not a PostgreSQL URL")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> PgUrl.parse("jdbc:postgresql://h")).hasMessageContaining("no database name");
    assertThatThrownBy(() -> PgUrl.parse("jdbc:postgresql:///app")).hasMessageContaining("no host");
    assertThatThrownBy(() -> PgUrl.parse("jdbc:postgresql://h a/app")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> PgUrl.parse(" ")).hasMessageContaining("no database URL");
  }

  @Test
  void acceptsLibpqUrisAndTakesTheCredentialsOutOfWhatTheDriverSees() throws ConnectionFailure {
    PgUrl url = PgUrl.parse("postgres://app_ro:s%40cret@db.example:6432/app?sslmode=require");
    assertThat(url.url()).isEqualTo("jdbc:postgresql://db.example:6432/app?sslmode=require");
    assertThat(url.user()).isEqualTo("app_ro");
    assertThat(url.password()).isEqualTo("s@cret");
    assertThat(url.toString()).isEqualTo("jdbc:postgresql://db.example:6432/app").doesNotContain("cret");
    PgUrl plain = PgUrl.parse("postgresql://localhost/shop");
    assertThat(plain.url()).isEqualTo("jdbc:postgresql://localhost/shop");
    assertThat(plain.port()).isEqualTo(5432);
    assertThat(plain.user()).isNull();
    assertThat(plain.password()).isNull();
    assertThat(PgUrl.parse("postgres://only_user@h/d").user()).isEqualTo("only_user");
    assertThat(PgUrl.parse("postgres://only_user@h/d").password()).isNull();
    assertThatThrownBy(() -> PgUrl.parse("postgres://u:hunter2@h")).hasMessageContaining("no database name")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void jdbcUrlsNameNoUserOfTheirOwn() throws ConnectionFailure {
    PgUrl url = PgUrl.parse("jdbc:postgresql://h:5433/d");
    assertThat(url.user()).isNull();
    assertThat(url.url()).isEqualTo("jdbc:postgresql://h:5433/d");
  }
}
