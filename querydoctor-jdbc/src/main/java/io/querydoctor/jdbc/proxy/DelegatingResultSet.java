package io.querydoctor.jdbc.proxy;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * Forwards every {@link ResultSet} method to the wrapped one; capturing subclasses override
 * only what they observe. Plain delegation, no reflection, so the JIT inlines it (HikariCP's proxy style).
 */
@SuppressWarnings("deprecation")
public class DelegatingResultSet implements ResultSet {

  protected final ResultSet delegate;

  protected DelegatingResultSet(ResultSet delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(delegate) ? iface.cast(delegate) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }

  @Override
  public boolean absolute(int x0) throws SQLException {
    return delegate.absolute(x0);
  }

  @Override
  public void afterLast() throws SQLException {
    delegate.afterLast();
  }

  @Override
  public void beforeFirst() throws SQLException {
    delegate.beforeFirst();
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    delegate.cancelRowUpdates();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public void deleteRow() throws SQLException {
    delegate.deleteRow();
  }

  @Override
  public int findColumn(String x0) throws SQLException {
    return delegate.findColumn(x0);
  }

  @Override
  public boolean first() throws SQLException {
    return delegate.first();
  }

  @Override
  public Array getArray(String label) throws SQLException {
    return delegate.getArray(label);
  }

  @Override
  public Array getArray(int index) throws SQLException {
    return delegate.getArray(index);
  }

  @Override
  public java.io.InputStream getAsciiStream(String label) throws SQLException {
    return delegate.getAsciiStream(label);
  }

  @Override
  public java.io.InputStream getAsciiStream(int index) throws SQLException {
    return delegate.getAsciiStream(index);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String label, int x1) throws SQLException {
    return delegate.getBigDecimal(label, x1);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String label) throws SQLException {
    return delegate.getBigDecimal(label);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int index, int x1) throws SQLException {
    return delegate.getBigDecimal(index, x1);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int index) throws SQLException {
    return delegate.getBigDecimal(index);
  }

  @Override
  public java.io.InputStream getBinaryStream(String label) throws SQLException {
    return delegate.getBinaryStream(label);
  }

  @Override
  public java.io.InputStream getBinaryStream(int index) throws SQLException {
    return delegate.getBinaryStream(index);
  }

  @Override
  public Blob getBlob(String label) throws SQLException {
    return delegate.getBlob(label);
  }

  @Override
  public Blob getBlob(int index) throws SQLException {
    return delegate.getBlob(index);
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return delegate.getBoolean(label);
  }

  @Override
  public boolean getBoolean(int index) throws SQLException {
    return delegate.getBoolean(index);
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return delegate.getByte(label);
  }

  @Override
  public byte getByte(int index) throws SQLException {
    return delegate.getByte(index);
  }

  @Override
  public byte[] getBytes(String label) throws SQLException {
    return delegate.getBytes(label);
  }

  @Override
  public byte[] getBytes(int index) throws SQLException {
    return delegate.getBytes(index);
  }

  @Override
  public java.io.Reader getCharacterStream(String label) throws SQLException {
    return delegate.getCharacterStream(label);
  }

  @Override
  public java.io.Reader getCharacterStream(int index) throws SQLException {
    return delegate.getCharacterStream(index);
  }

  @Override
  public Clob getClob(String label) throws SQLException {
    return delegate.getClob(label);
  }

  @Override
  public Clob getClob(int index) throws SQLException {
    return delegate.getClob(index);
  }

  @Override
  public int getConcurrency() throws SQLException {
    return delegate.getConcurrency();
  }

  @Override
  public String getCursorName() throws SQLException {
    return delegate.getCursorName();
  }

  @Override
  public Date getDate(String label, java.util.Calendar x1) throws SQLException {
    return delegate.getDate(label, x1);
  }

  @Override
  public Date getDate(String label) throws SQLException {
    return delegate.getDate(label);
  }

  @Override
  public Date getDate(int index, java.util.Calendar x1) throws SQLException {
    return delegate.getDate(index, x1);
  }

  @Override
  public Date getDate(int index) throws SQLException {
    return delegate.getDate(index);
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return delegate.getDouble(label);
  }

  @Override
  public double getDouble(int index) throws SQLException {
    return delegate.getDouble(index);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return delegate.getFloat(label);
  }

  @Override
  public float getFloat(int index) throws SQLException {
    return delegate.getFloat(index);
  }

  @Override
  public int getHoldability() throws SQLException {
    return delegate.getHoldability();
  }

  @Override
  public int getInt(String label) throws SQLException {
    return delegate.getInt(label);
  }

  @Override
  public int getInt(int index) throws SQLException {
    return delegate.getInt(index);
  }

  @Override
  public long getLong(String label) throws SQLException {
    return delegate.getLong(label);
  }

  @Override
  public long getLong(int index) throws SQLException {
    return delegate.getLong(index);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return delegate.getMetaData();
  }

  @Override
  public java.io.Reader getNCharacterStream(String label) throws SQLException {
    return delegate.getNCharacterStream(label);
  }

  @Override
  public java.io.Reader getNCharacterStream(int index) throws SQLException {
    return delegate.getNCharacterStream(index);
  }

  @Override
  public NClob getNClob(String label) throws SQLException {
    return delegate.getNClob(label);
  }

  @Override
  public NClob getNClob(int index) throws SQLException {
    return delegate.getNClob(index);
  }

  @Override
  public String getNString(String label) throws SQLException {
    return delegate.getNString(label);
  }

  @Override
  public String getNString(int index) throws SQLException {
    return delegate.getNString(index);
  }

  @Override
  public <T> T getObject(String label, Class<T> x1) throws SQLException {
    return delegate.getObject(label, x1);
  }

  @Override
  public Object getObject(String label, java.util.Map<String, Class<?>> x1) throws SQLException {
    return delegate.getObject(label, x1);
  }

  @Override
  public Object getObject(String label) throws SQLException {
    return delegate.getObject(label);
  }

  @Override
  public <T> T getObject(int index, Class<T> x1) throws SQLException {
    return delegate.getObject(index, x1);
  }

  @Override
  public Object getObject(int index, java.util.Map<String, Class<?>> x1) throws SQLException {
    return delegate.getObject(index, x1);
  }

  @Override
  public Object getObject(int index) throws SQLException {
    return delegate.getObject(index);
  }

  @Override
  public Ref getRef(String label) throws SQLException {
    return delegate.getRef(label);
  }

  @Override
  public Ref getRef(int index) throws SQLException {
    return delegate.getRef(index);
  }

  @Override
  public RowId getRowId(String label) throws SQLException {
    return delegate.getRowId(label);
  }

  @Override
  public RowId getRowId(int index) throws SQLException {
    return delegate.getRowId(index);
  }

  @Override
  public int getRow() throws SQLException {
    return delegate.getRow();
  }

  @Override
  public SQLXML getSQLXML(String label) throws SQLException {
    return delegate.getSQLXML(label);
  }

  @Override
  public SQLXML getSQLXML(int index) throws SQLException {
    return delegate.getSQLXML(index);
  }

  @Override
  public short getShort(String label) throws SQLException {
    return delegate.getShort(label);
  }

  @Override
  public short getShort(int index) throws SQLException {
    return delegate.getShort(index);
  }

  @Override
  public Statement getStatement() throws SQLException {
    return delegate.getStatement();
  }

  @Override
  public String getString(String label) throws SQLException {
    return delegate.getString(label);
  }

  @Override
  public String getString(int index) throws SQLException {
    return delegate.getString(index);
  }

  @Override
  public Time getTime(String label, java.util.Calendar x1) throws SQLException {
    return delegate.getTime(label, x1);
  }

  @Override
  public Time getTime(String label) throws SQLException {
    return delegate.getTime(label);
  }

  @Override
  public Time getTime(int index, java.util.Calendar x1) throws SQLException {
    return delegate.getTime(index, x1);
  }

  @Override
  public Time getTime(int index) throws SQLException {
    return delegate.getTime(index);
  }

  @Override
  public Timestamp getTimestamp(String label, java.util.Calendar x1) throws SQLException {
    return delegate.getTimestamp(label, x1);
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return delegate.getTimestamp(label);
  }

  @Override
  public Timestamp getTimestamp(int index, java.util.Calendar x1) throws SQLException {
    return delegate.getTimestamp(index, x1);
  }

  @Override
  public Timestamp getTimestamp(int index) throws SQLException {
    return delegate.getTimestamp(index);
  }

  @Override
  public int getType() throws SQLException {
    return delegate.getType();
  }

  @Override
  public java.net.URL getURL(String label) throws SQLException {
    return delegate.getURL(label);
  }

  @Override
  public java.net.URL getURL(int index) throws SQLException {
    return delegate.getURL(index);
  }

  @Override
  public java.io.InputStream getUnicodeStream(String label) throws SQLException {
    return delegate.getUnicodeStream(label);
  }

  @Override
  public java.io.InputStream getUnicodeStream(int index) throws SQLException {
    return delegate.getUnicodeStream(index);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public void insertRow() throws SQLException {
    delegate.insertRow();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    return delegate.isAfterLast();
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    return delegate.isBeforeFirst();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public boolean isFirst() throws SQLException {
    return delegate.isFirst();
  }

  @Override
  public boolean isLast() throws SQLException {
    return delegate.isLast();
  }

  @Override
  public boolean last() throws SQLException {
    return delegate.last();
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    delegate.moveToCurrentRow();
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    delegate.moveToInsertRow();
  }

  @Override
  public boolean next() throws SQLException {
    return delegate.next();
  }

  @Override
  public boolean previous() throws SQLException {
    return delegate.previous();
  }

  @Override
  public void refreshRow() throws SQLException {
    delegate.refreshRow();
  }

  @Override
  public boolean relative(int x0) throws SQLException {
    return delegate.relative(x0);
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    return delegate.rowDeleted();
  }

  @Override
  public boolean rowInserted() throws SQLException {
    return delegate.rowInserted();
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    return delegate.rowUpdated();
  }

  @Override
  public void setFetchDirection(int index) throws SQLException {
    delegate.setFetchDirection(index);
  }

  @Override
  public void setFetchSize(int index) throws SQLException {
    delegate.setFetchSize(index);
  }

  @Override
  public void updateArray(String label, Array x1) throws SQLException {
    delegate.updateArray(label, x1);
  }

  @Override
  public void updateArray(int index, Array x1) throws SQLException {
    delegate.updateArray(index, x1);
  }

  @Override
  public void updateAsciiStream(String label, java.io.InputStream x1, int x2) throws SQLException {
    delegate.updateAsciiStream(label, x1, x2);
  }

  @Override
  public void updateAsciiStream(String label, java.io.InputStream x1, long x2) throws SQLException {
    delegate.updateAsciiStream(label, x1, x2);
  }

  @Override
  public void updateAsciiStream(String label, java.io.InputStream x1) throws SQLException {
    delegate.updateAsciiStream(label, x1);
  }

  @Override
  public void updateAsciiStream(int index, java.io.InputStream x1, int x2) throws SQLException {
    delegate.updateAsciiStream(index, x1, x2);
  }

  @Override
  public void updateAsciiStream(int index, java.io.InputStream x1, long x2) throws SQLException {
    delegate.updateAsciiStream(index, x1, x2);
  }

  @Override
  public void updateAsciiStream(int index, java.io.InputStream x1) throws SQLException {
    delegate.updateAsciiStream(index, x1);
  }

  @Override
  public void updateBigDecimal(String label, java.math.BigDecimal x1) throws SQLException {
    delegate.updateBigDecimal(label, x1);
  }

  @Override
  public void updateBigDecimal(int index, java.math.BigDecimal x1) throws SQLException {
    delegate.updateBigDecimal(index, x1);
  }

  @Override
  public void updateBinaryStream(String label, java.io.InputStream x1, int x2) throws SQLException {
    delegate.updateBinaryStream(label, x1, x2);
  }

  @Override
  public void updateBinaryStream(String label, java.io.InputStream x1, long x2) throws SQLException {
    delegate.updateBinaryStream(label, x1, x2);
  }

  @Override
  public void updateBinaryStream(String label, java.io.InputStream x1) throws SQLException {
    delegate.updateBinaryStream(label, x1);
  }

  @Override
  public void updateBinaryStream(int index, java.io.InputStream x1, int x2) throws SQLException {
    delegate.updateBinaryStream(index, x1, x2);
  }

  @Override
  public void updateBinaryStream(int index, java.io.InputStream x1, long x2) throws SQLException {
    delegate.updateBinaryStream(index, x1, x2);
  }

  @Override
  public void updateBinaryStream(int index, java.io.InputStream x1) throws SQLException {
    delegate.updateBinaryStream(index, x1);
  }

  @Override
  public void updateBlob(String label, java.io.InputStream x1, long x2) throws SQLException {
    delegate.updateBlob(label, x1, x2);
  }

  @Override
  public void updateBlob(String label, java.io.InputStream x1) throws SQLException {
    delegate.updateBlob(label, x1);
  }

  @Override
  public void updateBlob(String label, Blob x1) throws SQLException {
    delegate.updateBlob(label, x1);
  }

  @Override
  public void updateBlob(int index, java.io.InputStream x1, long x2) throws SQLException {
    delegate.updateBlob(index, x1, x2);
  }

  @Override
  public void updateBlob(int index, java.io.InputStream x1) throws SQLException {
    delegate.updateBlob(index, x1);
  }

  @Override
  public void updateBlob(int index, Blob x1) throws SQLException {
    delegate.updateBlob(index, x1);
  }

  @Override
  public void updateBoolean(String label, boolean x1) throws SQLException {
    delegate.updateBoolean(label, x1);
  }

  @Override
  public void updateBoolean(int index, boolean x1) throws SQLException {
    delegate.updateBoolean(index, x1);
  }

  @Override
  public void updateByte(String label, byte x1) throws SQLException {
    delegate.updateByte(label, x1);
  }

  @Override
  public void updateByte(int index, byte x1) throws SQLException {
    delegate.updateByte(index, x1);
  }

  @Override
  public void updateBytes(String label, byte[] x1) throws SQLException {
    delegate.updateBytes(label, x1);
  }

  @Override
  public void updateBytes(int index, byte[] x1) throws SQLException {
    delegate.updateBytes(index, x1);
  }

  @Override
  public void updateCharacterStream(String label, java.io.Reader x1, int x2) throws SQLException {
    delegate.updateCharacterStream(label, x1, x2);
  }

  @Override
  public void updateCharacterStream(String label, java.io.Reader x1, long x2) throws SQLException {
    delegate.updateCharacterStream(label, x1, x2);
  }

  @Override
  public void updateCharacterStream(String label, java.io.Reader x1) throws SQLException {
    delegate.updateCharacterStream(label, x1);
  }

  @Override
  public void updateCharacterStream(int index, java.io.Reader x1, int x2) throws SQLException {
    delegate.updateCharacterStream(index, x1, x2);
  }

  @Override
  public void updateCharacterStream(int index, java.io.Reader x1, long x2) throws SQLException {
    delegate.updateCharacterStream(index, x1, x2);
  }

  @Override
  public void updateCharacterStream(int index, java.io.Reader x1) throws SQLException {
    delegate.updateCharacterStream(index, x1);
  }

  @Override
  public void updateClob(String label, java.io.Reader x1, long x2) throws SQLException {
    delegate.updateClob(label, x1, x2);
  }

  @Override
  public void updateClob(String label, java.io.Reader x1) throws SQLException {
    delegate.updateClob(label, x1);
  }

  @Override
  public void updateClob(String label, Clob x1) throws SQLException {
    delegate.updateClob(label, x1);
  }

  @Override
  public void updateClob(int index, java.io.Reader x1, long x2) throws SQLException {
    delegate.updateClob(index, x1, x2);
  }

  @Override
  public void updateClob(int index, java.io.Reader x1) throws SQLException {
    delegate.updateClob(index, x1);
  }

  @Override
  public void updateClob(int index, Clob x1) throws SQLException {
    delegate.updateClob(index, x1);
  }

  @Override
  public void updateDate(String label, Date x1) throws SQLException {
    delegate.updateDate(label, x1);
  }

  @Override
  public void updateDate(int index, Date x1) throws SQLException {
    delegate.updateDate(index, x1);
  }

  @Override
  public void updateDouble(String label, double x1) throws SQLException {
    delegate.updateDouble(label, x1);
  }

  @Override
  public void updateDouble(int index, double x1) throws SQLException {
    delegate.updateDouble(index, x1);
  }

  @Override
  public void updateFloat(String label, float x1) throws SQLException {
    delegate.updateFloat(label, x1);
  }

  @Override
  public void updateFloat(int index, float x1) throws SQLException {
    delegate.updateFloat(index, x1);
  }

  @Override
  public void updateInt(String label, int x1) throws SQLException {
    delegate.updateInt(label, x1);
  }

  @Override
  public void updateInt(int index, int x1) throws SQLException {
    delegate.updateInt(index, x1);
  }

  @Override
  public void updateLong(String label, long x1) throws SQLException {
    delegate.updateLong(label, x1);
  }

  @Override
  public void updateLong(int index, long x1) throws SQLException {
    delegate.updateLong(index, x1);
  }

  @Override
  public void updateNCharacterStream(String label, java.io.Reader x1, long x2) throws SQLException {
    delegate.updateNCharacterStream(label, x1, x2);
  }

  @Override
  public void updateNCharacterStream(String label, java.io.Reader x1) throws SQLException {
    delegate.updateNCharacterStream(label, x1);
  }

  @Override
  public void updateNCharacterStream(int index, java.io.Reader x1, long x2) throws SQLException {
    delegate.updateNCharacterStream(index, x1, x2);
  }

  @Override
  public void updateNCharacterStream(int index, java.io.Reader x1) throws SQLException {
    delegate.updateNCharacterStream(index, x1);
  }

  @Override
  public void updateNClob(String label, java.io.Reader x1, long x2) throws SQLException {
    delegate.updateNClob(label, x1, x2);
  }

  @Override
  public void updateNClob(String label, java.io.Reader x1) throws SQLException {
    delegate.updateNClob(label, x1);
  }

  @Override
  public void updateNClob(String label, NClob x1) throws SQLException {
    delegate.updateNClob(label, x1);
  }

  @Override
  public void updateNClob(int index, java.io.Reader x1, long x2) throws SQLException {
    delegate.updateNClob(index, x1, x2);
  }

  @Override
  public void updateNClob(int index, java.io.Reader x1) throws SQLException {
    delegate.updateNClob(index, x1);
  }

  @Override
  public void updateNClob(int index, NClob x1) throws SQLException {
    delegate.updateNClob(index, x1);
  }

  @Override
  public void updateNString(String label, String x1) throws SQLException {
    delegate.updateNString(label, x1);
  }

  @Override
  public void updateNString(int index, String x1) throws SQLException {
    delegate.updateNString(index, x1);
  }

  @Override
  public void updateNull(String label) throws SQLException {
    delegate.updateNull(label);
  }

  @Override
  public void updateNull(int index) throws SQLException {
    delegate.updateNull(index);
  }

  @Override
  public void updateObject(String label, Object x1, int x2) throws SQLException {
    delegate.updateObject(label, x1, x2);
  }

  @Override
  public void updateObject(String label, Object x1, SQLType x2, int x3) throws SQLException {
    delegate.updateObject(label, x1, x2, x3);
  }

  @Override
  public void updateObject(String label, Object x1, SQLType x2) throws SQLException {
    delegate.updateObject(label, x1, x2);
  }

  @Override
  public void updateObject(String label, Object x1) throws SQLException {
    delegate.updateObject(label, x1);
  }

  @Override
  public void updateObject(int index, Object x1, int x2) throws SQLException {
    delegate.updateObject(index, x1, x2);
  }

  @Override
  public void updateObject(int index, Object x1, SQLType x2, int x3) throws SQLException {
    delegate.updateObject(index, x1, x2, x3);
  }

  @Override
  public void updateObject(int index, Object x1, SQLType x2) throws SQLException {
    delegate.updateObject(index, x1, x2);
  }

  @Override
  public void updateObject(int index, Object x1) throws SQLException {
    delegate.updateObject(index, x1);
  }

  @Override
  public void updateRef(String label, Ref x1) throws SQLException {
    delegate.updateRef(label, x1);
  }

  @Override
  public void updateRef(int index, Ref x1) throws SQLException {
    delegate.updateRef(index, x1);
  }

  @Override
  public void updateRowId(String label, RowId x1) throws SQLException {
    delegate.updateRowId(label, x1);
  }

  @Override
  public void updateRowId(int index, RowId x1) throws SQLException {
    delegate.updateRowId(index, x1);
  }

  @Override
  public void updateRow() throws SQLException {
    delegate.updateRow();
  }

  @Override
  public void updateSQLXML(String label, SQLXML x1) throws SQLException {
    delegate.updateSQLXML(label, x1);
  }

  @Override
  public void updateSQLXML(int index, SQLXML x1) throws SQLException {
    delegate.updateSQLXML(index, x1);
  }

  @Override
  public void updateShort(String label, short x1) throws SQLException {
    delegate.updateShort(label, x1);
  }

  @Override
  public void updateShort(int index, short x1) throws SQLException {
    delegate.updateShort(index, x1);
  }

  @Override
  public void updateString(String label, String x1) throws SQLException {
    delegate.updateString(label, x1);
  }

  @Override
  public void updateString(int index, String x1) throws SQLException {
    delegate.updateString(index, x1);
  }

  @Override
  public void updateTime(String label, Time x1) throws SQLException {
    delegate.updateTime(label, x1);
  }

  @Override
  public void updateTime(int index, Time x1) throws SQLException {
    delegate.updateTime(index, x1);
  }

  @Override
  public void updateTimestamp(String label, Timestamp x1) throws SQLException {
    delegate.updateTimestamp(label, x1);
  }

  @Override
  public void updateTimestamp(int index, Timestamp x1) throws SQLException {
    delegate.updateTimestamp(index, x1);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return delegate.wasNull();
  }
}
