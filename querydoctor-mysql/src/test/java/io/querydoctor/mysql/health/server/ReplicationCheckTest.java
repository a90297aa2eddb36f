package io.querydoctor.mysql.health.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.connect.ServerVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No replica runs here: the rule is tested on the columns SHOW SLAVE/REPLICA STATUS return (lower-cased). */
class ReplicationCheckTest {

  private static Map<String, String> mariaDbChannel(String io, String sql, String lag) {
    Map<String, String> row = new HashMap<>();
    row.put("connection_name", "");
    row.put("slave_io_running", io);
    row.put("slave_sql_running", sql);
    row.put("seconds_behind_master", lag);
    row.put("last_error", "");
    return row;
  }

  @Test
  void lagPastTheThresholdFires() {
    List<Finding> findings = ReplicationCheck.findings(List.of(mariaDbChannel("Yes", "Yes", "42")),
        MySqlThresholds.defaults());
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("replication-lag");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.title()).contains("42 s behind");
    });
  }

  @Test
  void aStoppedReplicaIsCriticalWithItsError() {
    Map<String, String> mysql = new HashMap<>();
    mysql.put("channel_name", "");
    mysql.put("replica_io_running", "Yes");
    mysql.put("replica_sql_running", "No");
    mysql.put("seconds_behind_source", null);
    mysql.put("last_error", "Error 'Duplicate entry' on query.\nmore");
    assertThat(ReplicationCheck.findings(List.of(mysql), MySqlThresholds.defaults())).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(f.detail()).contains("Duplicate entry").doesNotContain("more");
        });
  }

  @Test
  void aReplicaThatKeepsUpIsSilent() {
    assertThat(ReplicationCheck.findings(List.of(mariaDbChannel("Yes", "Yes", "2")), MySqlThresholds.defaults()))
        .isEmpty();
  }

  @Test
  void theStatementFollowsTheVersion() {
    assertThat(ReplicationCheck.statement(ServerVersion.parse("11.4.5-MariaDB"))).isEqualTo("SHOW REPLICA STATUS");
    assertThat(ReplicationCheck.statement(ServerVersion.parse("10.4.30-MariaDB"))).isEqualTo("SHOW SLAVE STATUS");
    assertThat(ReplicationCheck.statement(ServerVersion.parse("8.0.21"))).isEqualTo("SHOW SLAVE STATUS");
    assertThat(ReplicationCheck.statement(ServerVersion.parse("8.0.36"))).isEqualTo("SHOW REPLICA STATUS");
  }
}
