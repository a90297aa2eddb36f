package io.querydoctor.remedies.cache;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * The JDBC getters' conversions over a value held in memory, as drivers do them for the common types: numbers
 * between each other and from text, booleans from numbers and text, timestamps from the java.time types. Mutable
 * values (timestamps, dates, bytes) are copied on the way out so that a cached row cannot be changed by a caller.
 */
final class ValueConversions {

  private ValueConversions() {}

  static Object convert(Object value, String text, Class<?> type) throws SQLException {
    if (type == String.class) {
      return value == null ? null : text != null ? text : value.toString();
    }
    if (type.isPrimitive()) {
      return primitive(value, text, type);
    }
    if (value == null) {
      return null;
    }
    if (type == Object.class) {
      return copy(value);
    }
    if (type == BigDecimal.class) {
      return value instanceof BigDecimal d ? d : new BigDecimal(text != null ? text : value.toString().strip());
    }
    if (type == Timestamp.class) {
      return timestamp(value);
    }
    if (type == java.sql.Date.class) {
      return value instanceof java.sql.Date d ? new java.sql.Date(d.getTime())
          : value instanceof LocalDate d ? java.sql.Date.valueOf(d) : new java.sql.Date(timestamp(value).getTime());
    }
    if (type == Time.class) {
      return value instanceof Time t ? new Time(t.getTime())
          : value instanceof LocalTime t ? Time.valueOf(t) : unsupported(value, type);
    }
    if (type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
        || type == Double.class || type == Float.class || type == Boolean.class) {
      return primitive(value, text, primitiveOf(type));
    }
    if (type.isInstance(value)) {
      return copy(value);
    }
    if (type == LocalDateTime.class && value instanceof Timestamp t) {
      return t.toLocalDateTime();
    }
    if (type == LocalDate.class && value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return unsupported(value, type);
  }

  private static Object primitive(Object value, String text, Class<?> type) throws SQLException {
    if (type == boolean.class) {
      return value != null && bool(value);
    }
    Number number = value == null ? 0L : number(value, text);
    if (type == long.class) {
      return number.longValue();
    } else if (type == int.class) {
      return number.intValue();
    } else if (type == double.class) {
      return number.doubleValue();
    } else if (type == float.class) {
      return number.floatValue();
    } else if (type == short.class) {
      return number.shortValue();
    } else if (type == byte.class) {
      return number.byteValue();
    }
    return unsupported(value, type);
  }

  private static Number number(Object value, String text) throws SQLException {
    if (value instanceof Number n) {
      return n;
    }
    if (value instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    try {
      return new BigDecimal((text != null ? text : value.toString()).strip());
    } catch (NumberFormatException e) {
      throw new SQLException("not a number: " + value, "22003");
    }
  }

  private static boolean bool(Object value) throws SQLException {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    String text = value.toString().strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "t", "true", "1", "y", "yes", "on" -> true;
      case "f", "false", "0", "n", "no", "off" -> false;
      default -> throw new SQLException("not a boolean: " + value, "22000");
    };
  }

  private static Timestamp timestamp(Object value) throws SQLException {
    if (value instanceof Timestamp t) {
      Timestamp copy = new Timestamp(t.getTime());
      copy.setNanos(t.getNanos());
      return copy;
    }
    if (value instanceof java.util.Date d) {
      return new Timestamp(d.getTime());
    }
    if (value instanceof LocalDateTime t) {
      return Timestamp.valueOf(t);
    }
    if (value instanceof OffsetDateTime t) {
      return Timestamp.from(t.toInstant());
    }
    return (Timestamp) unsupported(value, Timestamp.class);
  }

  private static Object copy(Object value) throws SQLException {
    if (value instanceof Timestamp) {
      return timestamp(value);
    }
    if (value instanceof java.util.Date d) {
      Object copy = d.clone();
      return copy;
    }
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    return value;
  }

  private static Class<?> primitiveOf(Class<?> boxed) {
    return boxed == Long.class ? long.class : boxed == Integer.class ? int.class : boxed == Short.class
        ? short.class : boxed == Byte.class ? byte.class : boxed == Double.class ? double.class
        : boxed == Float.class ? float.class : boolean.class;
  }

  private static Object unsupported(Object value, Class<?> type) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "a cached result cannot convert " + value.getClass().getSimpleName() + " to " + type.getSimpleName());
  }
}
