package io.querydoctor.remedies.cache;

import java.util.List;
import java.util.Set;

/**
 * A store shared by every instance of the application: cached results and the per-table generations that say
 * whether they are current. {@link RedisTier} is the implementation.
 *
 * <p>Contract: called from application threads, concurrently; every method returns within the store's timeout.
 * A method that cannot reach the store throws {@link SharedTierUnavailable} (never anything else) and the cache
 * then reads from the database. {@link #published} never throws: a write it could not publish is kept and
 * published before the next {@link #lookup} can succeed, so an instance that lost a write's invalidation never
 * answers from the cache until the store has it.
 */
interface SharedTier {

  /** What the store holds for one read: the current stamp of its tables and, when asked, its entry's bytes. */
  record Lookup(SharedStamp stamp, byte[] entry) {}

  /**
   * The current stamp of {@code tables} in {@code namespace} and, when {@code entryHash} is not null, the bytes
   * stored under it (or null), read atomically.
   */
  Lookup lookup(String namespace, List<String> tables, String entryHash);

  /**
   * Stores {@code entry} under {@code entryHash} for {@code ttlMillis}, only if {@code stamp} is still current;
   * false when it was not (a write moved a generation while the rows were read).
   */
  boolean store(String namespace, List<String> tables, SharedStamp stamp, String entryHash, byte[] entry,
      long ttlMillis);

  /**
   * Writes to {@code tables} (or to unknown tables: {@code everything}) were committed; false when the store
   * could not be told now (they are kept and published before the next lookup succeeds).
   */
  boolean published(String namespace, Set<String> tables, boolean everything);

  /** Entries larger than this stay local. */
  int maxEntryBytes();

  /** Tables whose invalidation waits for the store to come back. */
  int pendingTables();
}
