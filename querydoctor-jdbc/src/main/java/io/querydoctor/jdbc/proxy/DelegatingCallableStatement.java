package io.querydoctor.jdbc.proxy;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * Forwards every {@link CallableStatement} method to the wrapped one; capturing subclasses override
 * only what they observe. Plain delegation, no reflection, so the JIT inlines it (HikariCP's proxy style).
 */
@SuppressWarnings("deprecation")
public class DelegatingCallableStatement extends DelegatingPreparedStatement implements CallableStatement {

  protected final CallableStatement callableDelegate;

  protected DelegatingCallableStatement(CallableStatement delegate) {
    super(delegate);
    this.callableDelegate = delegate;
  }

  @Override
  public Array getArray(String label) throws SQLException {
    return callableDelegate.getArray(label);
  }

  @Override
  public Array getArray(int index) throws SQLException {
    return callableDelegate.getArray(index);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String label) throws SQLException {
    return callableDelegate.getBigDecimal(label);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int index, int x1) throws SQLException {
    return callableDelegate.getBigDecimal(index, x1);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int index) throws SQLException {
    return callableDelegate.getBigDecimal(index);
  }

  @Override
  public Blob getBlob(String label) throws SQLException {
    return callableDelegate.getBlob(label);
  }

  @Override
  public Blob getBlob(int index) throws SQLException {
    return callableDelegate.getBlob(index);
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return callableDelegate.getBoolean(label);
  }

  @Override
  public boolean getBoolean(int index) throws SQLException {
    return callableDelegate.getBoolean(index);
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return callableDelegate.getByte(label);
  }

  @Override
  public byte getByte(int index) throws SQLException {
    return callableDelegate.getByte(index);
  }

  @Override
  public byte[] getBytes(String label) throws SQLException {
    return callableDelegate.getBytes(label);
  }

  @Override
  public byte[] getBytes(int index) throws SQLException {
    return callableDelegate.getBytes(index);
  }

  @Override
  public java.io.Reader getCharacterStream(String label) throws SQLException {
    return callableDelegate.getCharacterStream(label);
  }

  @Override
  public java.io.Reader getCharacterStream(int index) throws SQLException {
    return callableDelegate.getCharacterStream(index);
  }

  @Override
  public Clob getClob(String label) throws SQLException {
    return callableDelegate.getClob(label);
  }

  @Override
  public Clob getClob(int index) throws SQLException {
    return callableDelegate.getClob(index);
  }

  @Override
  public Date getDate(String label, java.util.Calendar x1) throws SQLException {
    return callableDelegate.getDate(label, x1);
  }

  @Override
  public Date getDate(String label) throws SQLException {
    return callableDelegate.getDate(label);
  }

  @Override
  public Date getDate(int index, java.util.Calendar x1) throws SQLException {
    return callableDelegate.getDate(index, x1);
  }

  @Override
  public Date getDate(int index) throws SQLException {
    return callableDelegate.getDate(index);
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return callableDelegate.getDouble(label);
  }

  @Override
  public double getDouble(int index) throws SQLException {
    return callableDelegate.getDouble(index);
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return callableDelegate.getFloat(label);
  }

  @Override
  public float getFloat(int index) throws SQLException {
    return callableDelegate.getFloat(index);
  }

  @Override
  public int getInt(String label) throws SQLException {
    return callableDelegate.getInt(label);
  }

  @Override
  public int getInt(int index) throws SQLException {
    return callableDelegate.getInt(index);
  }

  @Override
  public long getLong(String label) throws SQLException {
    return callableDelegate.getLong(label);
  }

  @Override
  public long getLong(int index) throws SQLException {
    return callableDelegate.getLong(index);
  }

  @Override
  public java.io.Reader getNCharacterStream(String label) throws SQLException {
    return callableDelegate.getNCharacterStream(label);
  }

  @Override
  public java.io.Reader getNCharacterStream(int index) throws SQLException {
    return callableDelegate.getNCharacterStream(index);
  }

  @Override
  public NClob getNClob(String label) throws SQLException {
    return callableDelegate.getNClob(label);
  }

  @Override
  public NClob getNClob(int index) throws SQLException {
    return callableDelegate.getNClob(index);
  }

  @Override
  public String getNString(String label) throws SQLException {
    return callableDelegate.getNString(label);
  }

  @Override
  public String getNString(int index) throws SQLException {
    return callableDelegate.getNString(index);
  }

  @Override
  public <T> T getObject(String label, Class<T> x1) throws SQLException {
    return callableDelegate.getObject(label, x1);
  }

  @Override
  public Object getObject(String label, java.util.Map<String, Class<?>> x1) throws SQLException {
    return callableDelegate.getObject(label, x1);
  }

  @Override
  public Object getObject(String label) throws SQLException {
    return callableDelegate.getObject(label);
  }

  @Override
  public <T> T getObject(int index, Class<T> x1) throws SQLException {
    return callableDelegate.getObject(index, x1);
  }

  @Override
  public Object getObject(int index, java.util.Map<String, Class<?>> x1) throws SQLException {
    return callableDelegate.getObject(index, x1);
  }

  @Override
  public Object getObject(int index) throws SQLException {
    return callableDelegate.getObject(index);
  }

  @Override
  public Ref getRef(String label) throws SQLException {
    return callableDelegate.getRef(label);
  }

  @Override
  public Ref getRef(int index) throws SQLException {
    return callableDelegate.getRef(index);
  }

  @Override
  public RowId getRowId(String label) throws SQLException {
    return callableDelegate.getRowId(label);
  }

  @Override
  public RowId getRowId(int index) throws SQLException {
    return callableDelegate.getRowId(index);
  }

  @Override
  public SQLXML getSQLXML(String label) throws SQLException {
    return callableDelegate.getSQLXML(label);
  }

  @Override
  public SQLXML getSQLXML(int index) throws SQLException {
    return callableDelegate.getSQLXML(index);
  }

  @Override
  public short getShort(String label) throws SQLException {
    return callableDelegate.getShort(label);
  }

  @Override
  public short getShort(int index) throws SQLException {
    return callableDelegate.getShort(index);
  }

  @Override
  public String getString(String label) throws SQLException {
    return callableDelegate.getString(label);
  }

  @Override
  public String getString(int index) throws SQLException {
    return callableDelegate.getString(index);
  }

  @Override
  public Time getTime(String label, java.util.Calendar x1) throws SQLException {
    return callableDelegate.getTime(label, x1);
  }

  @Override
  public Time getTime(String label) throws SQLException {
    return callableDelegate.getTime(label);
  }

  @Override
  public Time getTime(int index, java.util.Calendar x1) throws SQLException {
    return callableDelegate.getTime(index, x1);
  }

  @Override
  public Time getTime(int index) throws SQLException {
    return callableDelegate.getTime(index);
  }

  @Override
  public Timestamp getTimestamp(String label, java.util.Calendar x1) throws SQLException {
    return callableDelegate.getTimestamp(label, x1);
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return callableDelegate.getTimestamp(label);
  }

  @Override
  public Timestamp getTimestamp(int index, java.util.Calendar x1) throws SQLException {
    return callableDelegate.getTimestamp(index, x1);
  }

  @Override
  public Timestamp getTimestamp(int index) throws SQLException {
    return callableDelegate.getTimestamp(index);
  }

  @Override
  public java.net.URL getURL(String label) throws SQLException {
    return callableDelegate.getURL(label);
  }

  @Override
  public java.net.URL getURL(int index) throws SQLException {
    return callableDelegate.getURL(index);
  }

  @Override
  public void registerOutParameter(String label, int x1, String x2) throws SQLException {
    callableDelegate.registerOutParameter(label, x1, x2);
  }

  @Override
  public void registerOutParameter(String label, int x1, int x2) throws SQLException {
    callableDelegate.registerOutParameter(label, x1, x2);
  }

  @Override
  public void registerOutParameter(String label, int x1) throws SQLException {
    callableDelegate.registerOutParameter(label, x1);
  }

  @Override
  public void registerOutParameter(String label, SQLType x1, String x2) throws SQLException {
    callableDelegate.registerOutParameter(label, x1, x2);
  }

  @Override
  public void registerOutParameter(String label, SQLType x1, int x2) throws SQLException {
    callableDelegate.registerOutParameter(label, x1, x2);
  }

  @Override
  public void registerOutParameter(String label, SQLType x1) throws SQLException {
    callableDelegate.registerOutParameter(label, x1);
  }

  @Override
  public void registerOutParameter(int index, int x1, String x2) throws SQLException {
    callableDelegate.registerOutParameter(index, x1, x2);
  }

  @Override
  public void registerOutParameter(int index, int x1, int x2) throws SQLException {
    callableDelegate.registerOutParameter(index, x1, x2);
  }

  @Override
  public void registerOutParameter(int index, int x1) throws SQLException {
    callableDelegate.registerOutParameter(index, x1);
  }

  @Override
  public void registerOutParameter(int index, SQLType x1, String x2) throws SQLException {
    callableDelegate.registerOutParameter(index, x1, x2);
  }

  @Override
  public void registerOutParameter(int index, SQLType x1, int x2) throws SQLException {
    callableDelegate.registerOutParameter(index, x1, x2);
  }

  @Override
  public void registerOutParameter(int index, SQLType x1) throws SQLException {
    callableDelegate.registerOutParameter(index, x1);
  }

  @Override
  public void setAsciiStream(String label, java.io.InputStream x1, int x2) throws SQLException {
    callableDelegate.setAsciiStream(label, x1, x2);
  }

  @Override
  public void setAsciiStream(String label, java.io.InputStream x1, long x2) throws SQLException {
    callableDelegate.setAsciiStream(label, x1, x2);
  }

  @Override
  public void setAsciiStream(String label, java.io.InputStream x1) throws SQLException {
    callableDelegate.setAsciiStream(label, x1);
  }

  @Override
  public void setBigDecimal(String label, java.math.BigDecimal x1) throws SQLException {
    callableDelegate.setBigDecimal(label, x1);
  }

  @Override
  public void setBinaryStream(String label, java.io.InputStream x1, int x2) throws SQLException {
    callableDelegate.setBinaryStream(label, x1, x2);
  }

  @Override
  public void setBinaryStream(String label, java.io.InputStream x1, long x2) throws SQLException {
    callableDelegate.setBinaryStream(label, x1, x2);
  }

  @Override
  public void setBinaryStream(String label, java.io.InputStream x1) throws SQLException {
    callableDelegate.setBinaryStream(label, x1);
  }

  @Override
  public void setBlob(String label, java.io.InputStream x1, long x2) throws SQLException {
    callableDelegate.setBlob(label, x1, x2);
  }

  @Override
  public void setBlob(String label, java.io.InputStream x1) throws SQLException {
    callableDelegate.setBlob(label, x1);
  }

  @Override
  public void setBlob(String label, Blob x1) throws SQLException {
    callableDelegate.setBlob(label, x1);
  }

  @Override
  public void setBoolean(String label, boolean x1) throws SQLException {
    callableDelegate.setBoolean(label, x1);
  }

  @Override
  public void setByte(String label, byte x1) throws SQLException {
    callableDelegate.setByte(label, x1);
  }

  @Override
  public void setBytes(String label, byte[] x1) throws SQLException {
    callableDelegate.setBytes(label, x1);
  }

  @Override
  public void setCharacterStream(String label, java.io.Reader x1, int x2) throws SQLException {
    callableDelegate.setCharacterStream(label, x1, x2);
  }

  @Override
  public void setCharacterStream(String label, java.io.Reader x1, long x2) throws SQLException {
    callableDelegate.setCharacterStream(label, x1, x2);
  }

  @Override
  public void setCharacterStream(String label, java.io.Reader x1) throws SQLException {
    callableDelegate.setCharacterStream(label, x1);
  }

  @Override
  public void setClob(String label, java.io.Reader x1, long x2) throws SQLException {
    callableDelegate.setClob(label, x1, x2);
  }

  @Override
  public void setClob(String label, java.io.Reader x1) throws SQLException {
    callableDelegate.setClob(label, x1);
  }

  @Override
  public void setClob(String label, Clob x1) throws SQLException {
    callableDelegate.setClob(label, x1);
  }

  @Override
  public void setDate(String label, Date x1, java.util.Calendar x2) throws SQLException {
    callableDelegate.setDate(label, x1, x2);
  }

  @Override
  public void setDate(String label, Date x1) throws SQLException {
    callableDelegate.setDate(label, x1);
  }

  @Override
  public void setDouble(String label, double x1) throws SQLException {
    callableDelegate.setDouble(label, x1);
  }

  @Override
  public void setFloat(String label, float x1) throws SQLException {
    callableDelegate.setFloat(label, x1);
  }

  @Override
  public void setInt(String label, int x1) throws SQLException {
    callableDelegate.setInt(label, x1);
  }

  @Override
  public void setLong(String label, long x1) throws SQLException {
    callableDelegate.setLong(label, x1);
  }

  @Override
  public void setNCharacterStream(String label, java.io.Reader x1, long x2) throws SQLException {
    callableDelegate.setNCharacterStream(label, x1, x2);
  }

  @Override
  public void setNCharacterStream(String label, java.io.Reader x1) throws SQLException {
    callableDelegate.setNCharacterStream(label, x1);
  }

  @Override
  public void setNClob(String label, java.io.Reader x1, long x2) throws SQLException {
    callableDelegate.setNClob(label, x1, x2);
  }

  @Override
  public void setNClob(String label, java.io.Reader x1) throws SQLException {
    callableDelegate.setNClob(label, x1);
  }

  @Override
  public void setNClob(String label, NClob x1) throws SQLException {
    callableDelegate.setNClob(label, x1);
  }

  @Override
  public void setNString(String label, String x1) throws SQLException {
    callableDelegate.setNString(label, x1);
  }

  @Override
  public void setNull(String label, int x1, String x2) throws SQLException {
    callableDelegate.setNull(label, x1, x2);
  }

  @Override
  public void setNull(String label, int x1) throws SQLException {
    callableDelegate.setNull(label, x1);
  }

  @Override
  public void setObject(String label, Object x1, int x2, int x3) throws SQLException {
    callableDelegate.setObject(label, x1, x2, x3);
  }

  @Override
  public void setObject(String label, Object x1, int x2) throws SQLException {
    callableDelegate.setObject(label, x1, x2);
  }

  @Override
  public void setObject(String label, Object x1, SQLType x2, int x3) throws SQLException {
    callableDelegate.setObject(label, x1, x2, x3);
  }

  @Override
  public void setObject(String label, Object x1, SQLType x2) throws SQLException {
    callableDelegate.setObject(label, x1, x2);
  }

  @Override
  public void setObject(String label, Object x1) throws SQLException {
    callableDelegate.setObject(label, x1);
  }

  @Override
  public void setRowId(String label, RowId x1) throws SQLException {
    callableDelegate.setRowId(label, x1);
  }

  @Override
  public void setSQLXML(String label, SQLXML x1) throws SQLException {
    callableDelegate.setSQLXML(label, x1);
  }

  @Override
  public void setShort(String label, short x1) throws SQLException {
    callableDelegate.setShort(label, x1);
  }

  @Override
  public void setString(String label, String x1) throws SQLException {
    callableDelegate.setString(label, x1);
  }

  @Override
  public void setTime(String label, Time x1, java.util.Calendar x2) throws SQLException {
    callableDelegate.setTime(label, x1, x2);
  }

  @Override
  public void setTime(String label, Time x1) throws SQLException {
    callableDelegate.setTime(label, x1);
  }

  @Override
  public void setTimestamp(String label, Timestamp x1, java.util.Calendar x2) throws SQLException {
    callableDelegate.setTimestamp(label, x1, x2);
  }

  @Override
  public void setTimestamp(String label, Timestamp x1) throws SQLException {
    callableDelegate.setTimestamp(label, x1);
  }

  @Override
  public void setURL(String label, java.net.URL x1) throws SQLException {
    callableDelegate.setURL(label, x1);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return callableDelegate.wasNull();
  }
}
