package io.querydoctor.core.digest;

import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.ShapeSkeleton;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.HashMap;
import java.util.Map;

/**
 * Fingerprints of the statements of one digest, cached per distinct SQL text.
 *
 * <p>Design note. PostgreSQL logs of prepared statements repeat a few texts millions of times, and there a
 * cache turns fingerprinting into a map lookup. MySQL slow logs (and simple-protocol PostgreSQL logs) inline
 * the literals, so almost every text is new: there a cache only costs (hashing, inserting, clearing) and never
 * pays. So the cache measures itself: when it fills up and fewer than one lookup in {@link #MIN_HITS_PER_MISS}
 * was a hit, it is cleared and bypassed for the next {@link #BYPASS_FACTOR} × capacity statements,
 * then tried again (the log may change character). Single-threaded: one per {@link DigestBuilder}.
 *
 * <p>Before either, a {@link ShapeSkeleton} (the text with plain literals masked) is looked up in a second
 * bounded cache: statements with inlined literals share a skeleton, so they skip the fingerprinter too. Texts
 * the skeleton scan cannot vouch for (comments, escapes, {@code $n}, ...) take the text cache as before.
 */
final class DigestFingerprints {

  /** A cache that hits less than once per ten lookups is not worth its upkeep. */
  private static final int MIN_HITS_PER_MISS = 10;
  private static final int BYPASS_FACTOR = 10;

  private final SqlFingerprinter fingerprinter;
  private final int capacity;
  private final Map<String, Fingerprint> cache;
  private final ShapeSkeleton skeleton;
  private final SkeletonCache bySkeleton;
  private long lookups;
  private long hits;
  private long bypassLeft;

  DigestFingerprints(SqlFingerprinter fingerprinter, int capacity) {
    this.fingerprinter = fingerprinter;
    this.capacity = capacity;
    this.cache = new HashMap<>(Math.min(capacity, 1024) * 2);
    this.skeleton = new ShapeSkeleton(fingerprinter.dialect());
    this.bySkeleton = new SkeletonCache(capacity);
  }

  Fingerprint get(String sql) {
    if (!skeleton.scan(sql)) {
      return byText(sql);
    }
    Fingerprint known = bySkeleton.get(skeleton);
    if (known != null) {
      return known;
    }
    Fingerprint computed = fingerprinter.fingerprint(sql);
    bySkeleton.put(skeleton, computed);
    return computed;
  }

  private Fingerprint byText(String sql) {
    if (bypassLeft > 0) {
      bypassLeft--;
      return fingerprinter.fingerprint(sql);
    }
    lookups++;
    Fingerprint cached = cache.get(sql);
    if (cached != null) {
      hits++;
      return cached;
    }
    Fingerprint computed = fingerprinter.fingerprint(sql);
    if (cache.size() >= capacity) {
      if (hits * MIN_HITS_PER_MISS < lookups) {
        bypassLeft = (long) BYPASS_FACTOR * capacity;
      }
      cache.clear();
      lookups = 0;
      hits = 0;
    }
    if (bypassLeft == 0) {
      cache.put(sql, computed);
    }
    return computed;
  }

  /** Whether lookups currently skip the cache (tests). */
  boolean bypassing() {
    return bypassLeft > 0;
  }
}
