package io.querydoctor.remedies.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The values bound to one prepared statement, as parts of a cache key. Only immutable value types are kept
 * (integral numbers widened to {@code Long}, so {@code setInt} and {@code setLong} of one value agree); a value of
 * any other kind (a stream, a LOB, a driver object, an array) makes the execution uncacheable, because it could
 * change after it was bound or not compare by value.
 */
final class BoundValues {

  /** Marks a bound NULL (a key cannot hold null in List.copyOf). */
  private static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "NULL";
    }
  };
  private static final Object UNCACHEABLE = new Object();

  private Object[] values = new Object[4];
  private int highest;

  void set(int index, Object value) {
    if (index < 1) {
      return;
    }
    if (index > values.length) {
      values = Arrays.copyOf(values, Math.max(index, values.length * 2));
    }
    values[index - 1] = normalize(value);
    highest = Math.max(highest, index);
  }

  void clear() {
    Arrays.fill(values, null);
    highest = 0;
  }

  /** The key values, or null when one of them cannot be part of a key. */
  List<Object> key() {
    List<Object> key = new ArrayList<>(highest);
    for (int i = 0; i < highest; i++) {
      Object value = values[i];
      if (value == UNCACHEABLE) {
        return null;
      }
      key.add(value == null ? NULL : value);
    }
    return key;
  }

  private static Object normalize(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Double || value instanceof Float
        || value instanceof BigDecimal || value instanceof BigInteger || value instanceof Character
        || value instanceof UUID || value instanceof Enum<?> || value instanceof Temporal) {
      return value;
    }
    if (value instanceof java.util.Date date) {
      // java.sql.Date/Time/Timestamp are mutable: the key keeps its own copy, with its type and nanos.
      return List.of(date.getClass().getName(), date.toString());
    }
    if (value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes.clone());
    }
    return UNCACHEABLE;
  }
}
