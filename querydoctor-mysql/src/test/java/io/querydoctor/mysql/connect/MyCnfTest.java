package io.querydoctor.mysql.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MyCnfTest {

  @Test
  void readsOnlyTheClientSection(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve(".my.cnf"), """
        # written by the DBA
        [mysqld]
        password = not-this-one
        [client]
        user = app
        password = "s3cret # with hash"
        !includedir /etc/mysql/conf.d/
        [mysqldump]
        user = backup
        """);
    MyCnf cnf = MyCnf.standard(Map.of("HOME", home.toString()));
    assertThat(cnf.user()).contains("app");
    assertThat(cnf.password()).contains("s3cret # with hash");
    assertThat(cnf.toString()).doesNotContain("s3cret");
  }

  @Test
  void aMissingFileIsEmpty(@TempDir Path home) {
    MyCnf cnf = MyCnf.standard(Map.of("HOME", home.toString()));
    assertThat(cnf.user()).isEmpty();
    assertThat(cnf.password()).isEmpty();
  }

  @Test
  void passwordOrderIsVariableThenMysqlPwdThenMyCnf(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve(".my.cnf"), "[client]\npassword=from-file\n");
    // Port 1 refuses at once: the connection fails, and the message names neither password.
    MySqlUrl url = MySqlUrl.parse("jdbc:mariadb://127.0.0.1:1/db");
    var connector = new MySqlConnector(Map.of("HOME", home.toString(), "MYSQL_PWD", "from-env"),
        MyCnf.standard(Map.of("HOME", home.toString())));
    try {
      connector.connect(url, "app", null);
    } catch (io.querydoctor.core.engine.EngineFailure e) {
      assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("from-env").doesNotContain("from-file");
    }
  }
}
