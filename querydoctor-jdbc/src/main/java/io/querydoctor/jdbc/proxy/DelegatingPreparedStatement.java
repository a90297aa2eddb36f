package io.querydoctor.jdbc.proxy;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * Forwards every {@link PreparedStatement} method to the wrapped one; capturing subclasses override
 * only what they observe. Plain delegation, no reflection, so the JIT inlines it (HikariCP's proxy style).
 * Every {@code setXxx(index, value)} first reports the value to {@link #bind}/{@link #bindObject}/{@link #bindNull},
 * no-ops here, so a subclass can hash the parameters without allocating.
 */
@SuppressWarnings("deprecation")
public class DelegatingPreparedStatement extends DelegatingStatement implements PreparedStatement {

  protected final PreparedStatement preparedDelegate;

  protected DelegatingPreparedStatement(PreparedStatement delegate) {
    super(delegate);
    this.preparedDelegate = delegate;
  }

  /** A primitive parameter value, as bits. */
  protected void bind(int index, long bits) {}

  /** An object parameter value. */
  protected void bindObject(int index, Object value) {}

  /** A NULL parameter. */
  protected void bindNull(int index) {}

  @Override
  public void addBatch() throws SQLException {
    preparedDelegate.addBatch();
  }

  @Override
  public void clearParameters() throws SQLException {
    preparedDelegate.clearParameters();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return preparedDelegate.executeLargeUpdate();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return preparedDelegate.executeQuery();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return preparedDelegate.executeUpdate();
  }

  @Override
  public boolean execute() throws SQLException {
    return preparedDelegate.execute();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return preparedDelegate.getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return preparedDelegate.getParameterMetaData();
  }

  @Override
  public void setArray(int index, Array x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setArray(index, x1);
  }

  @Override
  public void setAsciiStream(int index, java.io.InputStream x1, int x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setAsciiStream(index, x1, x2);
  }

  @Override
  public void setAsciiStream(int index, java.io.InputStream x1, long x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setAsciiStream(index, x1, x2);
  }

  @Override
  public void setAsciiStream(int index, java.io.InputStream x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setAsciiStream(index, x1);
  }

  @Override
  public void setBigDecimal(int index, java.math.BigDecimal x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setBigDecimal(index, x1);
  }

  @Override
  public void setBinaryStream(int index, java.io.InputStream x1, int x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setBinaryStream(index, x1, x2);
  }

  @Override
  public void setBinaryStream(int index, java.io.InputStream x1, long x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setBinaryStream(index, x1, x2);
  }

  @Override
  public void setBinaryStream(int index, java.io.InputStream x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setBinaryStream(index, x1);
  }

  @Override
  public void setBlob(int index, java.io.InputStream x1, long x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setBlob(index, x1, x2);
  }

  @Override
  public void setBlob(int index, java.io.InputStream x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setBlob(index, x1);
  }

  @Override
  public void setBlob(int index, Blob x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setBlob(index, x1);
  }

  @Override
  public void setBoolean(int index, boolean x1) throws SQLException {
    bind(index, x1 ? 1L : 0L);
    preparedDelegate.setBoolean(index, x1);
  }

  @Override
  public void setByte(int index, byte x1) throws SQLException {
    bind(index, (long) x1);
    preparedDelegate.setByte(index, x1);
  }

  @Override
  public void setBytes(int index, byte[] x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setBytes(index, x1);
  }

  @Override
  public void setCharacterStream(int index, java.io.Reader x1, int x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setCharacterStream(index, x1, x2);
  }

  @Override
  public void setCharacterStream(int index, java.io.Reader x1, long x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setCharacterStream(index, x1, x2);
  }

  @Override
  public void setCharacterStream(int index, java.io.Reader x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setCharacterStream(index, x1);
  }

  @Override
  public void setClob(int index, java.io.Reader x1, long x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setClob(index, x1, x2);
  }

  @Override
  public void setClob(int index, java.io.Reader x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setClob(index, x1);
  }

  @Override
  public void setClob(int index, Clob x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setClob(index, x1);
  }

  @Override
  public void setDate(int index, Date x1, java.util.Calendar x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setDate(index, x1, x2);
  }

  @Override
  public void setDate(int index, Date x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setDate(index, x1);
  }

  @Override
  public void setDouble(int index, double x1) throws SQLException {
    bind(index, Double.doubleToLongBits(x1));
    preparedDelegate.setDouble(index, x1);
  }

  @Override
  public void setFloat(int index, float x1) throws SQLException {
    bind(index, Float.floatToIntBits(x1));
    preparedDelegate.setFloat(index, x1);
  }

  @Override
  public void setInt(int index, int x1) throws SQLException {
    bind(index, (long) x1);
    preparedDelegate.setInt(index, x1);
  }

  @Override
  public void setLong(int index, long x1) throws SQLException {
    bind(index, (long) x1);
    preparedDelegate.setLong(index, x1);
  }

  @Override
  public void setNCharacterStream(int index, java.io.Reader x1, long x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setNCharacterStream(index, x1, x2);
  }

  @Override
  public void setNCharacterStream(int index, java.io.Reader x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setNCharacterStream(index, x1);
  }

  @Override
  public void setNClob(int index, java.io.Reader x1, long x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setNClob(index, x1, x2);
  }

  @Override
  public void setNClob(int index, java.io.Reader x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setNClob(index, x1);
  }

  @Override
  public void setNClob(int index, NClob x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setNClob(index, x1);
  }

  @Override
  public void setNString(int index, String x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setNString(index, x1);
  }

  @Override
  public void setNull(int index, int x1, String x2) throws SQLException {
    bindNull(index);
    preparedDelegate.setNull(index, x1, x2);
  }

  @Override
  public void setNull(int index, int x1) throws SQLException {
    bindNull(index);
    preparedDelegate.setNull(index, x1);
  }

  @Override
  public void setObject(int index, Object x1, int x2, int x3) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setObject(index, x1, x2, x3);
  }

  @Override
  public void setObject(int index, Object x1, int x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setObject(index, x1, x2);
  }

  @Override
  public void setObject(int index, Object x1, SQLType x2, int x3) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setObject(index, x1, x2, x3);
  }

  @Override
  public void setObject(int index, Object x1, SQLType x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setObject(index, x1, x2);
  }

  @Override
  public void setObject(int index, Object x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setObject(index, x1);
  }

  @Override
  public void setRef(int index, Ref x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setRef(index, x1);
  }

  @Override
  public void setRowId(int index, RowId x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setRowId(index, x1);
  }

  @Override
  public void setSQLXML(int index, SQLXML x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setSQLXML(index, x1);
  }

  @Override
  public void setShort(int index, short x1) throws SQLException {
    bind(index, (long) x1);
    preparedDelegate.setShort(index, x1);
  }

  @Override
  public void setString(int index, String x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setString(index, x1);
  }

  @Override
  public void setTime(int index, Time x1, java.util.Calendar x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setTime(index, x1, x2);
  }

  @Override
  public void setTime(int index, Time x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setTime(index, x1);
  }

  @Override
  public void setTimestamp(int index, Timestamp x1, java.util.Calendar x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setTimestamp(index, x1, x2);
  }

  @Override
  public void setTimestamp(int index, Timestamp x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setTimestamp(index, x1);
  }

  @Override
  public void setURL(int index, java.net.URL x1) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setURL(index, x1);
  }

  @Override
  public void setUnicodeStream(int index, java.io.InputStream x1, int x2) throws SQLException {
    bindObject(index, x1);
    preparedDelegate.setUnicodeStream(index, x1, x2);
  }
}
