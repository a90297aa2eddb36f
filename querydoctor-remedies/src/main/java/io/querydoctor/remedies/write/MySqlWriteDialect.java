package io.querydoctor.remedies.write;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MySQL and MariaDB. Batches: MySQL Connector/J rewrites a batch of INSERTs into multi-row ones with
 * {@code rewriteBatchedStatements=true}; MariaDB Connector/J 3.x sends it with the server's bulk protocol
 * ({@code COM_STMT_BULK_EXECUTE}, {@code useBulkStmtsForInserts}, on by default), so that is the flag named.
 * Streaming: {@code LOAD DATA LOCAL INFILE} whose file is an in-memory stream handed to the driver's
 * {@code setLocalInfileInputStream} (both drivers have it; called by reflection so that neither driver is a
 * compile-time dependency), only when the server has {@code local_infile} on. One call's rows are held in memory
 * as text. {@link BulkWriter} does not use it here ({@link #streamsFastest()}); the benchmark measures it.
 */
final class MySqlWriteDialect implements WriteDialect {

  /** MariaDB Connector/J 3.x: bulk protocol for batches; allowLocalInfile is on by default. */
  static final MySqlWriteDialect MARIADB_DRIVER = new MySqlWriteDialect("useBulkStmtsForInserts=true", false);
  /** MySQL Connector/J: rewriting for batches; LOAD DATA LOCAL only with allowLocalInfile=true in the URL. */
  static final MySqlWriteDialect MYSQL_DRIVER = new MySqlWriteDialect("rewriteBatchedStatements=true", true);

  /** The protocol sends the parameter count as 16 bits. */
  private static final int MAX_PARAMETERS = 65_535;
  private static final int DUPLICATE_KEY = 1062;
  private static final String STREAM_METHOD = "setLocalInfileInputStream";

  private final String batchParameter;
  private final boolean localInfileOffByDefault;

  private MySqlWriteDialect(String batchParameter, boolean localInfileOffByDefault) {
    this.batchParameter = batchParameter;
    this.localInfileOffByDefault = localInfileOffByDefault;
  }

  @Override
  public String name() {
    return "MySQL/MariaDB";
  }

  @Override
  public String batchRewriteParameter() {
    return batchParameter;
  }

  @Override
  public int maxParameters() {
    return MAX_PARAMETERS;
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public String streamLabel() {
    return "LOAD DATA LOCAL INFILE (streamed)";
  }

  /**
   * The server's {@code local_infile}, the driver's stream hook, and for MySQL Connector/J (off by default)
   * {@code allowLocalInfile=true} in the URL; MariaDB Connector/J allows it unless told otherwise.
   */
  @Override
  public boolean canStream(Connection connection) {
    try {
      String url = connection.getMetaData().getURL().toLowerCase(java.util.Locale.ROOT);
      if (localInfileOffByDefault ? !url.contains("allowlocalinfile=true") : url.contains("allowlocalinfile=false")) {
        return false;
      }
    } catch (SQLException | RuntimeException e) {
      return false;
    }
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@local_infile")) {
      return rs.next() && rs.getInt(1) == 1 && streamSetter(s) != null;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Measured at 10 000 rows on MariaDB 11.4: LOAD DATA LOCAL 65–100 000 rows/s, multi-row VALUES 150–190 000. */
  @Override
  public boolean streamsFastest() {
    return false;
  }

  @Override
  public String streamDisabledReason() {
    return "LOAD DATA LOCAL INFILE skipped: the server needs local_infile=ON and the driver allowLocalInfile=true";
  }

  @Override
  public long stream(Connection connection, String table, List<String> columns, Iterator<Object[]> rows)
      throws SQLException {
    StringBuilder text = new StringBuilder();
    long sent = 0;
    while (rows.hasNext()) {
      LoadDataText.appendRow(text, rows.next());
      sent++;
    }
    String sql = "LOAD DATA LOCAL INFILE 'querydoctor-rows.tsv' INTO TABLE " + table
        + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
        + columns.stream().map(this::quote).collect(Collectors.joining(", ")) + ")";
    try (Statement s = connection.createStatement()) {
      Method setter = streamSetter(s);
      if (setter == null) {
        throw new SQLException("the JDBC driver cannot stream LOAD DATA LOCAL INFILE");
      }
      setter.invoke(s.unwrap(setter.getDeclaringClass()),
          new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
      long loaded = s.executeUpdate(sql);
      failOnWarning(s, loaded, sent);
      return loaded;
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new SQLException("LOAD DATA LOCAL INFILE: the driver refused the stream: " + e, e);
    }
  }

  /**
   * With LOCAL the server turns a duplicate key or a bad value into a warning and skips or converts the row
   * (there is no way to say "stop" for LOCAL): a load with any warning is failed here, so the caller rolls back.
   */
  private static void failOnWarning(Statement s, long loaded, long sent) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW WARNINGS LIMIT 1")) {
      if (rs.next()) {
        int code = rs.getInt("Code");
        throw new SQLException("LOAD DATA LOCAL INFILE loaded " + loaded + " of " + sent + " rows: "
            + rs.getString("Message"), code == DUPLICATE_KEY ? "23000" : "22000", code);
      }
    }
    if (loaded != sent) {
      throw new SQLException("LOAD DATA LOCAL INFILE loaded " + loaded + " of " + sent + " rows", "22000");
    }
  }

  /** The driver's {@code setLocalInfileInputStream(InputStream)}, on a public type, or null. */
  private static Method streamSetter(Statement statement) {
    for (Class<?> type = statement.getClass(); type != null; type = type.getSuperclass()) {
      for (Class<?> candidate : withInterfaces(type)) {
        try {
          if (java.lang.reflect.Modifier.isPublic(candidate.getModifiers())) {
            return candidate.getMethod(STREAM_METHOD, InputStream.class);
          }
        } catch (NoSuchMethodException e) {
          // not on this one
        }
      }
    }
    return null;
  }

  private static List<Class<?>> withInterfaces(Class<?> type) {
    List<Class<?>> all = new java.util.ArrayList<>(List.of(type));
    all.addAll(List.of(type.getInterfaces()));
    return all;
  }

  /** {@code CREATE TABLE … LIKE} copies columns, indexes, checks and AUTO_INCREMENT (from 1), no foreign keys. */
  @Override
  public String createScratchTable(String table, String scratch) {
    return "CREATE TABLE " + scratch + " LIKE " + table;
  }
}
