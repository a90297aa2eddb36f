package io.querydoctor.mysql.workload;

import io.querydoctor.mysql.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.List;

/**
 * Whether performance_schema collects what the workload and index checks read, and if not, exactly what to
 * turn on. MariaDB ships with performance_schema off; MySQL 8 with it on. Statement digests need the server
 * option, the {@code statements_digest} consumer and the {@code statement/%} instruments; per-index reads need
 * the {@code wait/io/table/sql/handler} instrument.
 *
 * @param enabled {@code @@performance_schema}
 * @param digestConsumer the {@code statements_digest} consumer is enabled
 * @param statementInstruments enabled and timed {@code statement/%} instruments
 * @param tableIoInstrument {@code wait/io/table/sql/handler} is enabled
 */
public record PerformanceSchemaState(boolean enabled, boolean digestConsumer, int statementInstruments,
    boolean tableIoInstrument) {

  static final String CONSUMER_SQL = """
      SELECT ENABLED FROM performance_schema.setup_consumers WHERE NAME = 'statements_digest'
      """;
  static final String INSTRUMENTS_SQL = """
      SELECT COUNT(*) FROM performance_schema.setup_instruments
      WHERE NAME LIKE 'statement/sql/%' AND ENABLED = 'YES' AND TIMED = 'YES'
      """;
  static final String TABLE_IO_SQL = """
      SELECT COUNT(*) FROM performance_schema.setup_instruments
      WHERE NAME = 'wait/io/table/sql/handler' AND ENABLED = 'YES'
      """;

  public static PerformanceSchemaState read(SafeExecutor executor) throws SQLException {
    boolean enabled = executor.queryOne("SELECT @@GLOBAL.performance_schema", rs -> rs.getInt(1) == 1);
    if (!enabled) {
      return new PerformanceSchemaState(false, false, 0, false);
    }
    List<Boolean> consumer = executor.query(CONSUMER_SQL, rs -> "YES".equalsIgnoreCase(rs.getString(1)));
    int statements = executor.queryOne(INSTRUMENTS_SQL, rs -> rs.getInt(1));
    boolean tableIo = executor.queryOne(TABLE_IO_SQL, rs -> rs.getInt(1) > 0);
    return new PerformanceSchemaState(true, !consumer.isEmpty() && consumer.get(0), statements, tableIo);
  }

  /** Statement digests are being collected. */
  public boolean digestsCollected() {
    return enabled && digestConsumer && statementInstruments > 0;
  }

  /** Reads through each index are being counted. */
  public boolean indexIoCounted() {
    return enabled && tableIoInstrument;
  }

  /** The one line that says what to turn on for the statement digests. */
  public String digestAdvice() {
    if (!enabled) {
      return "performance_schema is off: start the server with performance_schema=ON (my.cnf [mysqld]; MariaDB "
          + "ships with it off, it cannot be turned on at runtime)";
    }
    if (!digestConsumer) {
      return "the statements_digest consumer is off: UPDATE performance_schema.setup_consumers SET ENABLED = 'YES' "
          + "WHERE NAME = 'statements_digest' (or performance-schema-consumer-statements-digest=ON in my.cnf)";
    }
    return "the statement instruments are disabled: UPDATE performance_schema.setup_instruments SET ENABLED = "
        + "'YES', TIMED = 'YES' WHERE NAME LIKE 'statement/%' (or performance-schema-instrument='statement/%=ON')";
  }

  /** The one line that says what to turn on for per-index reads. */
  public String indexIoAdvice() {
    if (!enabled) {
      return digestAdvice();
    }
    return "index reads are not counted: UPDATE performance_schema.setup_instruments SET ENABLED = 'YES', TIMED = "
        + "'YES' WHERE NAME = 'wait/io/table/sql/handler' (or performance-schema-instrument='wait/io/table/%=ON')";
  }
}
