package io.querydoctor.core.sql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fingerprints per distinct SQL string, computed once. Bounded: when {@code maxEntries} distinct strings, or
 * strings of {@code maxChars} characters in all, have been cached the map is cleared and refilled, so an
 * application that builds SQL with inlined literals costs memory for a bounded set of strings and pays a re-scan,
 * never an unbounded map. A statement longer than a sixteenth of {@code maxChars} is not cached (it is
 * fingerprinted at every execution: its own text costs the application more than that), and only statements of
 * at most {@value #FRONT_MAX_CHARS} characters enter the front table, so the table holds a bounded amount of text
 * too. The character count is approximate under races, by at most one statement per racing thread.
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
  private final long maxChars;
  private final AtomicLong cachedChars = new AtomicLong();
  // Values are the same entries the front table holds, so a front miss that finds the statement in the map
  // puts that entry in front without allocating.
  private final ConcurrentHashMap<String, Entry> cache;
  private final Entry[] recent = new Entry[RECENT_SLOTS];

  private static final int RECENT_SLOTS = 512;
  /** The longest statement the front table holds: 512 slots of this many characters, about 2 MB. */
  static final int FRONT_MAX_CHARS = 4_096;
  /** The default bound on cached characters. */
  public static final int DEFAULT_MAX_CHARS = 4_000_000;

  /** A statement text and its fingerprint, as cached: callers may keep one to recognise the same text again. */
  public record Entry(String sql, Fingerprint fingerprint) {}

  public FingerprintCache(SqlFingerprinter fingerprinter, int maxEntries) {
    this(fingerprinter, maxEntries, DEFAULT_MAX_CHARS);
  }

  public FingerprintCache(SqlFingerprinter fingerprinter, int maxEntries, int maxChars) {
    if (maxEntries < 1 || maxChars < 1) {
      throw new IllegalArgumentException("maxEntries and maxChars must be >= 1: " + maxEntries + ", " + maxChars);
    }
    this.fingerprinter = fingerprinter;
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
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
      if (!admit(sql, found)) {
        return found;
      }
    }
    if (sql.length() <= FRONT_MAX_CHARS) {
      recent[slot] = found;
    }
    return found;
  }

  /** Caches a new entry unless its statement is too long to; clears the cache first when it is full. */
  private boolean admit(String sql, Entry entry) {
    int length = sql.length();
    if (length > maxChars / 16) {
      return false;
    }
    if (cache.size() >= maxEntries || cachedChars.get() + length > maxChars) {
      cache.clear();
      cachedChars.set(0);
    }
    if (cache.putIfAbsent(sql, entry) == null) {
      cachedChars.addAndGet(length);
    }
    return true;
  }

  /** Characters of the statements cached now (about; see the class comment). */
  public long cachedChars() {
    return cachedChars.get();
  }

  /** How many statements are cached now (at most {@code maxEntries}). */
  public int size() {
    return cache.size();
  }
}
