package io.querydoctor.jdbc.proxy;

import java.util.Arrays;
import java.util.Objects;

/**
 * The values bound to a prepared statement, kept as one {@code long} per parameter: integral numbers as their
 * value (so OFFSET can be read back), other values as a hash. Binding allocates nothing once the array has
 * grown to the statement's parameter count.
 */
final class BoundParameters {

  private static final long NULL_BITS = 0x6e756c6c_6e756c6cL;

  private long[] bits;
  private int highest;

  /** Sized for the statement's bind markers, so binding never grows the array. */
  BoundParameters(int expected) {
    bits = new long[Math.max(1, expected)];
  }

  void bind(int index, long value) {
    if (index < 1) {
      return;
    }
    if (index > bits.length) {
      bits = Arrays.copyOf(bits, Math.max(index, bits.length * 2));
    }
    bits[index - 1] = value;
    highest = Math.max(highest, index);
  }

  void bindObject(int index, Object value) {
    bind(index, value instanceof Integer || value instanceof Long || value instanceof Short
        ? ((Number) value).longValue() : Objects.hashCode(value) * 0x9E3779B97F4A7C15L);
  }

  void bindNull(int index) {
    bind(index, NULL_BITS);
  }

  void clear() {
    Arrays.fill(bits, 0, highest, 0L);
    highest = 0;
  }

  /** A hash of all bound values; 0 when none are bound. */
  long hash() {
    long hash = 0;
    for (int i = 0; i < highest; i++) {
      hash = hash * 31 + bits[i] + i;
    }
    return hash;
  }

  /** The value bound at {@code index} if it was an integral number, else -1. */
  long integralValue(int index) {
    return index >= 1 && index <= highest && bits[index - 1] >= 0 ? bits[index - 1] : -1;
  }
}
