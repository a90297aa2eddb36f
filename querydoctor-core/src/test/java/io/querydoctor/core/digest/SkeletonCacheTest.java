package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.ShapeSkeleton;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;

class SkeletonCacheTest {

  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.MYSQL);
  private final ShapeSkeleton skeleton = new ShapeSkeleton(SqlDialect.MYSQL);

  @Test
  void findsWhatWasStoredForTheSameSkeletonOnly() {
    SkeletonCache cache = new SkeletonCache(100);
    for (int table = 0; table < 50; table++) {
      String sql = "SELECT c FROM t" + table + " WHERE id = 1";
      assertThat(skeleton.scan(sql)).isTrue();
      cache.put(skeleton, fingerprinter.fingerprint(sql));
    }
    for (int table = 0; table < 50; table++) {
      String sql = "SELECT c FROM t" + table + " WHERE id = 987";
      assertThat(skeleton.scan(sql)).isTrue();
      Fingerprint found = cache.get(skeleton);
      assertThat(found).isNotNull();
      assertThat(found.id()).isEqualTo(fingerprinter.fingerprint(sql).id());
    }
    assertThat(skeleton.scan("SELECT c FROM t7 WHERE id = 1 AND k = 2")).isTrue();
    assertThat(cache.get(skeleton)).isNull();
  }

  @Test
  void staysBounded() {
    SkeletonCache cache = new SkeletonCache(8);
    for (int table = 0; table < 20; table++) {
      skeleton.scan("SELECT c FROM t" + table);
      cache.put(skeleton, fingerprinter.fingerprint("SELECT c FROM t" + table));
      assertThat(cache.size()).isLessThanOrEqualTo(8);
    }
    skeleton.scan("SELECT c FROM t19");
    assertThat(cache.get(skeleton)).isNotNull();
  }
}
