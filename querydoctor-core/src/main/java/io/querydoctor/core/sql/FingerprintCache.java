package io.querydoctor.core.sql;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Fingerprints per distinct SQL string, computed once. Bounded: when {@code maxEntries} distinct strings
 * have been seen the map is cleared and refilled, so an application that builds SQL with inlined literals
 * costs memory for at most {@code maxEntries} strings and pays a re-scan, never an unbounded map.
 *
 * <p>A lookup of a cached statement allocates nothing: the key is the caller's own {@code String}. In front of
 * the map sits a small direct-mapped table, indexed by the string's hash (cached in the string) and matched by
 * identity: applications and ORMs pass the same {@code String} instance (a constant, a cached query) again and
 * again, so most lookups are one array read and one reference comparison, no map probing. Its slots hold immutable
 * entries, so racing writers can only replace one valid entry with another.
 */
public final class FingerprintCache {

  private final SqlFingerprinter fingerprinter;
  private final int maxEntries;
  // Values are the same entries the front table holds, so a front miss that finds the statement in the map
  // puts that entry in front without allocating.
  private final ConcurrentHashMap<String, Entry> cache;
  private final Entry[] recent = new Entry[RECENT_SLOTS];

  private static final int RECENT_SLOTS = 512;

  /** A statement text and its fingerprint, as cached: callers may keep one to recognise the same text again. */
  public record Entry(String sql, Fingerprint fingerprint) {}

  public FingerprintCache(SqlFingerprinter fingerprinter, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1: " + maxEntries);
    }
    this.fingerprinter = fingerprinter;
    this.maxEntries = maxEntries;
    this.cache = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
  }

  public Fingerprint get(String sql) {
    return entry(sql).fingerprint;
  }

  /** As {@link #get}, with the text it was cached under; hits allocate nothing. */
  public Entry entry(String sql) {
    // The string's own hash is a field read after its first use, cheaper than System.identityHashCode.
    int h = sql.hashCode();
    int slot = (h ^ h >>> 16) & (RECENT_SLOTS - 1);
    Entry hit = recent[slot];
    if (hit != null && hit.sql == sql) {
      return hit;
    }
    Entry found = cache.get(sql);
    if (found == null) {
      found = new Entry(sql, fingerprinter.fingerprint(sql));
      if (cache.size() >= maxEntries) {
        cache.clear();
      }
      cache.putIfAbsent(sql, found);
    }
    recent[slot] = found;
    return found;
  }

  /** How many statements are cached now (at most {@code maxEntries}). */
  public int size() {
    return cache.size();
  }
}
