package io.querydoctor.jdbc;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.sql.SqlDialect;

/**
 * How {@link QueryDoctor#wrap(javax.sql.DataSource, WrapOptions)} wraps a data source.
 *
 * @param session the capture session to report to, or {@code null} for {@link QueryDoctor#session()}
 * @param dialect lexical rules for fingerprints, or {@code null} to ask the first connection's metadata
 * @param pooled whether {@code getConnection()} borrows from a pool (borrows are not counted as connection
 *     opens by {@code connection-churn}), or {@code null} to guess from the data source's class
 */
public record WrapOptions(CaptureSession session, SqlDialect dialect, Boolean pooled) {

  public static WrapOptions defaults() {
    return new WrapOptions(null, null, null);
  }

  public WrapOptions withSession(CaptureSession value) {
    return new WrapOptions(value, dialect, pooled);
  }

  public WrapOptions withDialect(SqlDialect value) {
    return new WrapOptions(session, value, pooled);
  }

  public WrapOptions withPooled(boolean value) {
    return new WrapOptions(session, dialect, value);
  }
}
