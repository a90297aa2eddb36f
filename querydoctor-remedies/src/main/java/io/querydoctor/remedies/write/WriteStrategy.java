package io.querydoctor.remedies.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The ways of inserting many rows that the runbooks compare, slowest first. Each writes every row of its
 * iterator to the target and returns how many it wrote; {@code written} is told the running count after each
 * statement, batch or chunk. Each commits its own work: per row ({@link #ONE_PER_ROW}), once at the end
 * ({@link #ONE_TRANSACTION}, {@link #COPY}), or per batch/statement (the others), and restores auto-commit.
 * On a failure the transaction in progress is rolled back and the driver's exception goes to the caller.
 *
 * <p>The batch strategies send what they send depending on the connection: with the dialect's rewrite flag
 * ({@link WriteDialect#batchRewriteParameter()}) a batch of 1 000 single-row INSERTs goes as a few multi-row
 * ones; without it, as 1 000 statements in one round trip.
 */
public enum WriteStrategy {
  ONE_PER_ROW("one statement per row, autocommit", 1),
  ONE_TRANSACTION("one statement per row, one transaction", 1),
  BATCH_100("JDBC batches of 100", 100),
  BATCH_500("JDBC batches of 500", 500),
  BATCH_1000("JDBC batches of 1 000", 1_000),
  MULTI_ROW_VALUES("multi-row VALUES, 1 000 rows per INSERT", 1_000),
  COPY("COPY FROM STDIN (streamed)", 0);

  private final String label;
  private final int rowsPerRoundTrip;

  WriteStrategy(String label, int rowsPerRoundTrip) {
    this.label = label;
    this.rowsPerRoundTrip = rowsPerRoundTrip;
  }

  public String label() {
    return label;
  }

  /** The label as {@code dialect} names it (the streaming strategy is COPY or LOAD DATA). */
  public String label(WriteDialect dialect) {
    return this == COPY ? dialect.streamLabel() : label;
  }

  /** Whether it is a JDBC batch (and so needs the driver's rewrite flag to be fast). */
  public boolean isBatch() {
    return name().startsWith("BATCH_");
  }

  /** Writes {@code rows} to {@code target} on {@code connection}; see the class comment for what commits when. */
  public long write(Connection connection, WriteTarget target, Iterator<Object[]> rows, LongConsumer written)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    try {
      connection.setAutoCommit(this == ONE_PER_ROW);
      return switch (this) {
        case ONE_PER_ROW, ONE_TRANSACTION -> singleRows(connection, target, rows, written);
        case BATCH_100, BATCH_500, BATCH_1000 -> batches(connection, target, rows, written);
        case MULTI_ROW_VALUES -> multiRow(connection, target, rows, written);
        case COPY -> copy(connection, target, rows, written);
      };
    } catch (SQLException | RuntimeException e) {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private long singleRows(Connection c, WriteTarget target, Iterator<Object[]> rows, LongConsumer written)
      throws SQLException {
    long count = 0;
    try (PreparedStatement insert = c.prepareStatement(target.insertSql(1))) {
      while (rows.hasNext()) {
        target.bind(insert, 0, rows.next());
        insert.executeUpdate();
        written.accept(++count);
      }
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
    return count;
  }

  private long batches(Connection c, WriteTarget target, Iterator<Object[]> rows, LongConsumer written)
      throws SQLException {
    long count = 0;
    try (PreparedStatement insert = c.prepareStatement(target.insertSql(1))) {
      int pending = 0;
      while (rows.hasNext()) {
        target.bind(insert, 0, rows.next());
        insert.addBatch();
        if (++pending == rowsPerRoundTrip || !rows.hasNext()) {
          insert.executeBatch();
          c.commit();
          count += pending;
          pending = 0;
          written.accept(count);
        }
      }
    }
    return count;
  }

  private long multiRow(Connection c, WriteTarget target, Iterator<Object[]> rows, LongConsumer written)
      throws SQLException {
    int perStatement = target.rowsPerStatement(rowsPerRoundTrip);
    long count = 0;
    PreparedStatement full = null;
    try {
      List<Object[]> chunk = new ArrayList<>(perStatement);
      while (rows.hasNext()) {
        chunk.add(rows.next());
        if (chunk.size() == perStatement || !rows.hasNext()) {
          if (chunk.size() == perStatement && full == null) {
            full = c.prepareStatement(target.insertSql(perStatement));
          }
          count += insertChunk(c, target, chunk, chunk.size() == perStatement ? full : null);
          c.commit();
          chunk.clear();
          written.accept(count);
        }
      }
    } finally {
      if (full != null) {
        full.close();
      }
    }
    return count;
  }

  /** One multi-row INSERT of {@code chunk}; {@code reusable} is the prepared full-size statement, if it fits. */
  static int insertChunk(Connection c, WriteTarget target, List<Object[]> chunk, PreparedStatement reusable)
      throws SQLException {
    if (reusable != null) {
      bindAll(target, reusable, chunk);
      return reusable.executeUpdate();
    }
    try (PreparedStatement statement = c.prepareStatement(target.insertSql(chunk.size()))) {
      bindAll(target, statement, chunk);
      return statement.executeUpdate();
    }
  }

  private static void bindAll(WriteTarget target, PreparedStatement statement, List<Object[]> chunk)
      throws SQLException {
    for (int i = 0; i < chunk.size(); i++) {
      target.bind(statement, i, chunk.get(i));
    }
  }

  private long copy(Connection c, WriteTarget target, Iterator<Object[]> rows, LongConsumer written)
      throws SQLException {
    // The driver pulls the rows as it sends them; count them on the way for the progress line.
    long[] pulled = {0};
    Iterator<Object[]> counted = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Object[] next() {
        Object[] row = rows.next();
        if (++pulled[0] % 1_000 == 0) {
          written.accept(pulled[0]);
        }
        return row;
      }
    };
    long count = target.dialect().stream(c, target.table(), target.columns(), counted);
    c.commit();
    written.accept(count);
    return count;
  }
}
