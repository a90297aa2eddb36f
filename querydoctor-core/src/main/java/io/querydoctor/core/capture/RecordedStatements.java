package io.querydoctor.core.capture;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The statements a scope has recorded, appended to an array that only grows. {@link #frozen()} hands out an
 * immutable view of the first {@code size} elements without copying them: later appends write past that size
 * (or into a new array), so a view never changes. A scope's record is made at every close, so this saves a
 * copy of every statement list per unit of work.
 *
 * <p>Not thread-safe: written by the thread that owns the scope.
 */
final class RecordedStatements {

  private StatementEvent[] events = new StatementEvent[INITIAL_CAPACITY];
  private int size;

  private static final int INITIAL_CAPACITY = 16;

  int size() {
    return size;
  }

  StatementEvent get(int index) {
    return events[index];
  }

  void add(StatementEvent event) {
    if (size == events.length) {
      events = Arrays.copyOf(events, size * 2);
    }
    events[size++] = event;
  }

  /** The statements recorded so far, as an immutable list. */
  View frozen() {
    return new View(events, size);
  }

  /** An immutable prefix of the array; {@link ScopeRecord} keeps it without copying. */
  static final class View extends AbstractList<StatementEvent> implements RandomAccess {

    private final StatementEvent[] events;
    private final int size;

    private View(StatementEvent[] events, int size) {
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
}
