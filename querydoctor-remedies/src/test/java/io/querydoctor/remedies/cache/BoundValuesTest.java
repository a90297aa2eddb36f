package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/** The bound values as a cache key: equal values, equal keys; mutable or opaque values, no key. */
class BoundValuesTest {

  private static BoundValues of(Object... values) {
    BoundValues bound = new BoundValues();
    for (int i = 0; i < values.length; i++) {
      bound.set(i + 1, values[i]);
    }
    return bound;
  }

  @Test
  void integralValuesCompareAcrossTheirSetters() {
    assertThat(of(5, "a").key()).isEqualTo(of(5L, "a").key());
    assertThat(of(5, "a").key()).isNotEqualTo(of(6, "a").key());
    assertThat(of(5.0).key()).isNotEqualTo(of(5L).key());
    assertThat(of((Object) null).key()).isEqualTo(of((Object) null).key()).isNotEqualTo(of(0).key());
  }

  @Test
  void aMutableValueIsCopiedSoChangingItLaterDoesNotChangeTheKey() {
    Timestamp at = Timestamp.valueOf("2024-01-01 10:00:00");
    byte[] bytes = {1, 2};
    BoundValues bound = of(at, bytes);
    Object key = bound.key();
    at.setTime(0);
    bytes[0] = 9;
    assertThat(bound.key()).isEqualTo(key).isEqualTo(of(Timestamp.valueOf("2024-01-01 10:00:00"),
        new byte[] {1, 2}).key());
  }

  @Test
  void aStreamMakesTheExecutionUncacheableUntilCleared() {
    BoundValues bound = of(1, new ByteArrayInputStream(new byte[0]));
    assertThat(bound.key()).isNull();
    bound.clear();
    bound.set(1, 1);
    assertThat(bound.key()).isEqualTo(of(1).key());
  }
}
