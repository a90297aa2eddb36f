package io.querydoctor.core.digest;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the statements of one log format. One small implementation per format (PostgreSQL stderr, csvlog,
 * jsonlog, MySQL slow log).
 *
 * <p>Contract: {@link #read} is lazy — lines are consumed only as the stream is; it never throws for malformed
 * content: every line or entry it cannot use is counted in {@link LineReader#problems()} with a reason, and
 * reading goes on. I/O errors surface as {@link java.io.UncheckedIOException}. A reader instance may be reused
 * for several inputs, one at a time; the stream is sequential and single-threaded.
 */
public interface LogReader {

  /** The statements in {@code lines}, read lazily. */
  Stream<LogStatement> read(LineReader lines);

  /** A sequential stream that calls {@code next} until it returns {@code null}. */
  static Stream<LogStatement> lazy(Supplier<LogStatement> next) {
    Spliterator<LogStatement> spliterator =
        new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super LogStatement> action) {
            LogStatement statement = next.get();
            if (statement == null) {
              return false;
            }
            action.accept(statement);
            return true;
          }
        };
    return StreamSupport.stream(spliterator, false);
  }
}
