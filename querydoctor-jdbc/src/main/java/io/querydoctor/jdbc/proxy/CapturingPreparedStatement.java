package io.querydoctor.jdbc.proxy;

import io.querydoctor.core.sql.Fingerprint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Objects;

/**
 * A PreparedStatement that records each execution: clock, delegate, clock, notify. The application's own
 * exceptions are rethrown unchanged after the failure is recorded; results are returned as the driver made
 * them (wrapped only to count rows).
 *
 * <p>It carries what capture needs between executions itself — the SQL and its fingerprint, the bound
 * parameters, the pending batch size — so that preparing a statement allocates this object alone (and an array
 * for statements with more than two markers): applications behind a pool without a statement cache prepare once
 * per execution. Bound values are kept as one {@code long} per parameter: integral numbers as their value (so
 * OFFSET can be read back), other values as a hash.
 */
public final class CapturingPreparedStatement extends DelegatingPreparedStatement {

  private static final long NULL_BITS = 0x6e756c6c_6e756c6cL;
  private static final int LITERAL_OFFSET = -1;

  private final Connection connection;
  private final StatementCapture capture;
  private final Statement owner;
  private final String sql;
  private final Fingerprint fingerprint;
  // Where the statement's OFFSET comes from, read from its shape once: the marker whose bound value it is
  // (from 1), LITERAL_OFFSET (rare in prepared statements: read from the shape when needed), or 0 for none. An
  // int, not the literal's long, keeps this object, made for every prepare, 8 bytes smaller.
  private final int offsetParameter;
  // The bound values: the first two in fields (most statements have one or two markers), the rest in an array
  // made when a third is bound.
  private long firstBits;
  private long secondBits;
  private long[] moreBits;
  private int highestParameter;
  private int batched;
  // The length of the longest list bound (an array for = ANY(?)): a batch fetch of that many keys. 0: none.
  private int keys;
  private CountingResultSet pending;

  CapturingPreparedStatement(PreparedStatement delegate, Connection connection, StatementCapture capture,
      String sql) {
    this(delegate, connection, capture, sql, null);
  }

  /** As above; {@code owner} is the statement the application holds, when it is not this one (a callable). */
  CapturingPreparedStatement(PreparedStatement delegate, Connection connection, StatementCapture capture,
      String sql, Statement owner) {
    super(delegate);
    this.connection = connection;
    this.capture = capture;
    this.owner = owner == null ? this : owner;
    this.sql = sql;
    this.fingerprint = fingerprintOf(sql, capture);
    this.offsetParameter = fingerprint == null ? 0
        : fingerprint.shape().offsetLiteral() >= 0 ? LITERAL_OFFSET : fingerprint.shape().offsetParameter();
  }

  /** Looked up once per prepared statement; null (looked up again at execution) if that failed. */
  private static Fingerprint fingerprintOf(String sql, StatementCapture capture) {
    try {
      return capture.tracker().fingerprint(sql);
    } catch (RuntimeException e) {
      return null;
    }
  }

  // Parameters: every setXxx reports its value here (see DelegatingPreparedStatement).

  @Override
  protected void bind(int index, long bits) {
    if (index == 1) {
      firstBits = bits;
    } else if (index == 2) {
      secondBits = bits;
    } else if (index > 2) {
      bindMore(index, bits);
    } else {
      return;
    }
    highestParameter = Math.max(highestParameter, index);
  }

  private void bindMore(int index, long bits) {
    if (moreBits == null || index - 2 > moreBits.length) {
      // Sized for the statement's bind markers, so binding seldom grows it again.
      int markers = fingerprint == null ? 0 : fingerprint.shape().parameterCount();
      moreBits = Arrays.copyOf(moreBits == null ? new long[0] : moreBits, Math.max(index, markers) - 2);
    }
    moreBits[index - 3] = bits;
  }

  /** The value bound to parameter {@code index} (from 1), 0 when none. */
  private long bits(int index) {
    return index == 1 ? firstBits : index == 2 ? secondBits : moreBits[index - 3];
  }

  @Override
  protected void bindObject(int index, Object value) {
    if (value instanceof Object[] || value instanceof java.sql.Array) {
      keys = value instanceof Object[] list ? list.length
          : connection instanceof CapturingConnection c ? c.lengthOf((java.sql.Array) value) : 0;
    }
    bind(index, value instanceof Integer || value instanceof Long || value instanceof Short
        ? ((Number) value).longValue() : Objects.hashCode(value) * 0x9E3779B97F4A7C15L);
  }

  @Override
  protected void bindNull(int index) {
    bind(index, NULL_BITS);
  }

  @Override
  public void clearParameters() throws SQLException {
    preparedDelegate.clearParameters();
    firstBits = 0;
    secondBits = 0;
    if (moreBits != null) {
      Arrays.fill(moreBits, 0L);
    }
    highestParameter = 0;
    keys = 0;
  }

  /** A hash of all bound values; 0 when none are bound. Unbound markers below the highest bound count as 0. */
  private long parameterHash() {
    long hash = 0;
    for (int i = 1; i <= highestParameter; i++) {
      hash = hash * 31 + bits(i) + i - 1;
    }
    return hash;
  }

  /** The statement's OFFSET: its literal, or the value bound to its marker if an integral number; else -1. */
  private long offsetValue() {
    int index = offsetParameter;
    if (index == LITERAL_OFFSET) {
      return fingerprint.shape().offsetLiteral();
    }
    return index >= 1 && index <= highestParameter && bits(index) >= 0 ? bits(index) : -1;
  }

  // The executions: clock, delegate, clock, notify. The application's exception is recorded and rethrown
  // unchanged. Plain methods rather than one taking a lambda, so the hot path allocates nothing.

  @Override
  public ResultSet executeQuery() throws SQLException {
    long start = start();
    ResultSet result;
    try {
      result = preparedDelegate.executeQuery();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    return counted(capture.query(owner, sql, fingerprint, Math.max(1, keys), parameterHash(), offsetValue(), start,
        result));
  }

  @Override
  public int executeUpdate() throws SQLException {
    long start = start();
    int rows;
    try {
      rows = preparedDelegate.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    executed(start, rows);
    return rows;
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    long start = start();
    long rows;
    try {
      rows = preparedDelegate.executeLargeUpdate();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    executed(start, rows);
    return rows;
  }

  @Override
  public boolean execute() throws SQLException {
    long start = start();
    boolean hasResult;
    try {
      hasResult = preparedDelegate.execute();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    executed(start, -1);
    return hasResult;
  }

  @Override
  public void addBatch() throws SQLException {
    preparedDelegate.addBatch();
    batched++;
  }

  @Override
  public void clearBatch() throws SQLException {
    preparedDelegate.clearBatch();
    batched = 0;
  }

  @Override
  public int[] executeBatch() throws SQLException {
    long start = start();
    int[] counts;
    try {
      counts = preparedDelegate.executeBatch();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    batchExecuted(start, sum(counts));
    return counts;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    long start = start();
    long[] counts;
    try {
      counts = preparedDelegate.executeLargeBatch();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    batchExecuted(start, sum(counts));
    return counts;
  }

  /** Reads the clock before an execution, after reporting a result still open from the previous one. */
  private long start() {
    finishLastResult();
    return capture.now();
  }

  private void executed(long start, long rows) {
    capture.executed(sql, fingerprint, 1, parameterHash(), offsetValue(), start, rows);
  }

  private void failed(long start) {
    capture.failed(sql, fingerprint, Math.max(1, batched), parameterHash(), offsetValue(), start);
    batched = 0;
  }

  private void batchExecuted(long start, long rows) {
    // A batch binds many values: only a literal OFFSET is the batch's own.
    capture.executed(sql, fingerprint, Math.max(1, batched), 0,
        fingerprint == null ? -1 : fingerprint.shape().offset(-1), start, rows);
    batched = 0;
  }

  private ResultSet counted(ResultSet result) {
    pending = CountingResultSet.pendingOf(result);
    return result;
  }

  /** Running again or closing closes the result of the last query: report it if it is still being read. */
  private void finishLastResult() {
    CountingResultSet.finish(pending);
    pending = null;
  }

  private static long sum(int[] counts) {
    long total = 0;
    for (int count : counts) {
      total += Math.max(0, count);
    }
    return total;
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long count : counts) {
      total += Math.max(0, count);
    }
    return total;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    try {
      preparedDelegate.close();
    } finally {
      finishLastResult();
    }
  }
}
