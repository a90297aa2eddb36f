package io.querydoctor.remedies.cache;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A forward-only, read-only {@link ResultSet} over {@link CachedRows}: what a cache hit returns, disconnected from
 * any connection, and what a miss returns too, so that both look the same to the application. When the rows
 * were read only up to the row limit, the driver's result ({@code tail}) continues after them.
 *
 * <p>Design note: a dynamic proxy rather than a class with the interface's 190 methods. Every getter
 * ({@code getXxx(int|String, …)}) is answered the same way — find the column, convert the value to the
 * method's return type ({@link ValueConversions}) — so one dispatch covers them all, and methods it does not
 * know fail with {@link SQLFeatureNotSupportedException} (updates, scrolling). A proxy dispatch costs tens of
 * nanoseconds, against the round trip of a query it replaces.
 */
final class InMemoryResultSet implements InvocationHandler {

  private final CachedRows rows;
  private final Statement statement;
  private final ResultSet tail;
  private int row = -1;
  private boolean inTail;
  private boolean lastWasNull;
  private boolean closed;

  private InMemoryResultSet(CachedRows rows, Statement statement, ResultSet tail) {
    this.rows = rows;
    this.statement = statement;
    this.tail = tail;
  }

  /** A result over {@code rows}; {@code tail} (or null) continues after them; {@code statement} may be null. */
  static ResultSet of(CachedRows rows, Statement statement, ResultSet tail) {
    return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        new InMemoryResultSet(rows, statement, tail));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "close":
        closed = true;
        if (tail != null) {
          tail.close();
        }
        return null;
      case "isClosed":
        return closed;
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "cached result (" + rows.rowCount() + " rows)";
      default:
        break;
    }
    if (closed) {
      throw new SQLException("result set is closed", "24000");
    }
    if (inTail && !name.equals("getStatement")) {
      return onTail(method, args);
    }
    switch (name) {
      case "next":
        return next();
      case "wasNull":
        return lastWasNull;
      case "getMetaData":
        return CachedMetaData.of(rows);
      case "findColumn":
        return column((String) args[0]);
      case "getStatement":
        return statement;
      case "getRow":
        return row >= 0 && row < rows.rowCount() ? row + 1 : 0;
      case "isBeforeFirst":
        return row < 0 && rows.rowCount() > 0;
      case "isAfterLast":
        return row >= rows.rowCount() && rows.rowCount() > 0;
      case "isFirst":
        return row == 0;
      case "isLast":
        return tail == null && row == rows.rowCount() - 1;
      case "getType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getHoldability":
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
      case "getFetchDirection":
        return ResultSet.FETCH_FORWARD;
      case "getFetchSize":
        return 0;
      case "setFetchSize", "setFetchDirection", "clearWarnings":
        return null;
      case "getWarnings":
        return null;
      case "unwrap":
        return unwrap((Class<?>) args[0], proxy);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(proxy);
      default:
        if (name.startsWith("get") && args != null && args.length >= 1 && args.length <= 2
            && (args[0] instanceof Integer || args[0] instanceof String)) {
          return get(method, args);
        }
        throw new SQLFeatureNotSupportedException("a cached result is forward-only and read-only: " + name);
    }
  }

  private boolean next() throws SQLException {
    if (row + 1 < rows.rowCount()) {
      row++;
      return true;
    }
    row = rows.rowCount();
    if (tail != null) {
      inTail = true;
      return tail.next();
    }
    return false;
  }

  private Object get(Method method, Object[] args) throws SQLException {
    if (args.length == 2 && !(args[1] instanceof Class<?>)) {
      // getTimestamp(i, Calendar), getBigDecimal(i, scale), getObject(i, Map): not answered from memory.
      throw new SQLFeatureNotSupportedException("a cached result does not support " + method.getName()
          + " with " + args[1].getClass().getSimpleName());
    }
    if (row < 0 || row >= rows.rowCount()) {
      throw new SQLException("no current row", "24000");
    }
    int index = args[0] instanceof Integer i ? i : column((String) args[0]);
    if (index < 1 || index > rows.columns().size()) {
      throw new SQLException("column index out of range: " + index, "22023");
    }
    Object value = rows.values().get(row)[index - 1];
    lastWasNull = value == null;
    Class<?> type = args.length == 2 ? (Class<?>) args[1] : method.getReturnType();
    if (type == ResultSetMetaData.class) {
      throw new SQLFeatureNotSupportedException(method.getName());
    }
    return ValueConversions.convert(value, rows.texts().get(row)[index - 1], type);
  }

  /** The 1-based index of the first column labelled {@code label}, ignoring case as drivers do. */
  private int column(String label) throws SQLException {
    for (int i = 0; i < rows.columns().size(); i++) {
      if (rows.columns().get(i).label().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    throw new SQLException("no column labelled " + label.toLowerCase(Locale.ROOT), "42703");
  }

  private Object onTail(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(tail, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object unwrap(Class<?> type, Object proxy) throws SQLException {
    if (type.isInstance(proxy)) {
      return proxy;
    }
    throw new SQLException("a cached result wraps nothing of type " + type.getName());
  }
}
