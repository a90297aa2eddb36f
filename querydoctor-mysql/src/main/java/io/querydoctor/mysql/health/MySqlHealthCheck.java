package io.querydoctor.mysql.health;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import java.sql.SQLException;

/**
 * One MySQL/MariaDB health check: reads rows with its own SQL (a text block next to its row mapper) through the
 * target's safe executor and turns them into findings with the thresholds.
 *
 * <p>Contract: called once per diagnosis on the diagnosing thread. A check that cannot run on this server
 * (performance_schema off, a view missing, a privilege lacking) reports {@link DiagnosisResults#skip} with what
 * to turn on or grant; an {@link SQLException} it throws is recorded as a skip with the server's message by
 * {@link MySqlHealthAnalyzer}, and the other checks still run.
 */
public interface MySqlHealthCheck {

  /** Short stable name for progress and skipped lines: {@code unused indexes}. */
  String name();

  void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException;
}
