package io.querydoctor.remedies.cache;

import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** {@link ResultSetMetaData} of a cached result: the column facts {@link CachedRows} kept (see its design note). */
final class CachedMetaData {

  private CachedMetaData() {}

  static ResultSetMetaData of(CachedRows rows) {
    return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("getColumnCount")) {
            return rows.columns().size();
          }
          if (name.equals("isWrapperFor")) {
            return false;
          }
          if (args == null || args.length != 1 || !(args[0] instanceof Integer index)) {
            if (name.equals("toString")) {
              return "cached metadata";
            }
            if (name.equals("hashCode")) {
              return System.identityHashCode(proxy);
            }
            if (name.equals("equals")) {
              return proxy == args[0];
            }
            throw new SQLFeatureNotSupportedException(name);
          }
          if (index < 1 || index > rows.columns().size()) {
            throw new SQLException("column index out of range: " + index, "22023");
          }
          CachedRows.Column column = rows.columns().get(index - 1);
          return switch (name) {
            case "getColumnLabel" -> column.label();
            case "getColumnName" -> column.name();
            case "getColumnType" -> column.type();
            case "getColumnTypeName" -> column.typeName();
            case "getColumnClassName" -> column.className();
            case "getTableName" -> column.table();
            case "isNullable" -> ResultSetMetaData.columnNullableUnknown;
            case "isReadOnly" -> true;
            case "isWritable", "isDefinitelyWritable", "isAutoIncrement", "isCurrency" -> false;
            case "isCaseSensitive", "isSearchable", "isSigned" -> true;
            case "getSchemaName", "getCatalogName" -> "";
            default -> throw new SQLFeatureNotSupportedException("cached metadata has no " + name);
          };
        });
  }
}
