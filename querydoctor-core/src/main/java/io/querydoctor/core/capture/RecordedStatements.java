package io.querydoctor.core.capture;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The statements a scope had recorded when its record was made: an immutable view of the first {@code size}
 * elements of the scope's array, without a copy. The scope only appends past that size (or into a new array
 * when it grows), so a view never changes. A scope's record is made at every close, so this saves a copy of
 * every statement list per unit of work.
 */
final class RecordedStatements extends AbstractList<StatementEvent> implements RandomAccess {

  private final StatementEvent[] events;
  private final int size;

  RecordedStatements(StatementEvent[] events, int size) {
    this.events = events;
    this.size = size;
  }

  @Override
  public StatementEvent get(int index) {
    return events[Objects.checkIndex(index, size)];
  }

  @Override
  public int size() {
    return size;
  }
}
