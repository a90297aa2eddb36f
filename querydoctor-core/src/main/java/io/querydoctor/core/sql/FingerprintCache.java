package io.querydoctor.core.sql;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Fingerprints per distinct SQL string, computed once. Bounded: when {@code maxEntries} distinct strings
 * have been seen the map is cleared and refilled, so an application that builds SQL with inlined literals
 * costs memory for at most {@code maxEntries} strings and pays a re-scan, never an unbounded map.
 *
 * <p>A lookup of a cached statement allocates nothing: the key is the caller's own {@code String}.
 */
public final class FingerprintCache {

  private final SqlFingerprinter fingerprinter;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Fingerprint> cache;

  public FingerprintCache(SqlFingerprinter fingerprinter, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1: " + maxEntries);
    }
    this.fingerprinter = fingerprinter;
    this.maxEntries = maxEntries;
    this.cache = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
  }

  public Fingerprint get(String sql) {
    Fingerprint cached = cache.get(sql);
    if (cached != null) {
      return cached;
    }
    Fingerprint computed = fingerprinter.fingerprint(sql);
    if (cache.size() >= maxEntries) {
      cache.clear();
    }
    cache.putIfAbsent(sql, computed);
    return computed;
  }

  /** How many statements are cached now (at most {@code maxEntries}). */
  public int size() {
    return cache.size();
  }
}
