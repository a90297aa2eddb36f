package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.engine.DatabaseEngine;
import io.querydoctor.core.engine.DatabaseEngines;
import io.querydoctor.core.engine.EngineFailure;
import org.junit.jupiter.api.Test;

/** The CLI finds both engines through the ServiceLoader SPI and picks one by the URL's scheme. */
class EngineSelectionTest {

  private final DatabaseEngines engines = DatabaseEngines.installed();

  @Test
  void eachUrlFormGoesToItsEngine() throws EngineFailure {
    assertThat(engines.all()).extracting(DatabaseEngine::name).contains("PostgreSQL", "MySQL/MariaDB");
    assertThat(engines.forUrl("jdbc:postgresql://h/db").name()).isEqualTo("PostgreSQL");
    assertThat(engines.forUrl("postgres://u@h/db").name()).isEqualTo("PostgreSQL");
    assertThat(engines.forUrl("jdbc:mariadb://h/db").name()).isEqualTo("MySQL/MariaDB");
    assertThat(engines.forUrl("jdbc:mysql://h/db").name()).isEqualTo("MySQL/MariaDB");
  }

  @Test
  void anUnknownUrlNamesEveryFormWithoutCredentials() {
    assertThatThrownBy(() -> engines.forUrl("jdbc:sqlserver://u:hunter2@h/db?password=hunter2"))
        .isInstanceOf(EngineFailure.class).hasMessageContaining("jdbc:postgresql://")
        .hasMessageContaining("jdbc:mariadb://").hasMessageNotContaining("hunter2");
  }

  @Test
  void aMariaDbUrlThatCannotBeReachedIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("check", "--url", "jdbc:mariadb://127.0.0.1:1/app?password=hunter2", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("127.0.0.1:1");
    assertThat(run.err()).doesNotContain("hunter2").doesNotContain("\tat ");
  }

  @Test
  void postgresOnlyOptionsAreRefusedForMariaDb() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:mariadb://127.0.0.1:1/app", "--analyze", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("--analyze is PostgreSQL-only");
  }
}
