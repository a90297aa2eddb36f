package io.querydoctor.mysql.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.engine.EngineFailure;
import org.junit.jupiter.api.Test;

class MySqlUrlTest {

  @Test
  void bothDriversSchemesParseAndRedact() throws EngineFailure {
    MySqlUrl maria = MySqlUrl.parse("jdbc:mariadb://db.example:3307/shop?user=app&password=hunter2");
    assertThat(maria.scheme()).isEqualTo("mariadb");
    assertThat(maria.redacted()).isEqualTo("jdbc:mariadb://db.example:3307/shop");
    assertThat(maria.toString()).doesNotContain("hunter2");
    MySqlUrl mysql = MySqlUrl.parse("jdbc:mysql://db.example/shop");
    assertThat(mysql.port()).isEqualTo(3306);
    assertThat(mysql.database()).isEqualTo("shop");
  }

  @Test
  void otherUrlsAndMissingPartsAreOneLineWithoutThePassword() {
    assertThat(MySqlUrl.accepts("jdbc:postgresql://h/db")).isFalse();
    assertThatThrownBy(() -> MySqlUrl.parse("jdbc:mariadb://h:3306/?password=hunter2"))
        .isInstanceOf(EngineFailure.class).hasMessageContaining("no database name")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> MySqlUrl.parse("jdbc:mysql://u:hunter2@/db"))
        .isInstanceOf(EngineFailure.class).hasMessageNotContaining("hunter2");
  }
}
