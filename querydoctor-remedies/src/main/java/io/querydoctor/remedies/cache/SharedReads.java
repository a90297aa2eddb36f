package io.querydoctor.remedies.cache;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache's side of the shared tier: calls it, turns "unavailable" into a counted fall-back, and keeps the
 * tier's counts. Thread-safe.
 */
final class SharedReads {

  private final SharedTier tier;
  private final LongAdder hits = new LongAdder();
  private final LongAdder stores = new LongAdder();
  private final LongAdder staleStores = new LongAdder();
  private final LongAdder bypassedReads = new LongAdder();
  private final LongAdder failedPublishes = new LongAdder();

  SharedReads(SharedTier tier) {
    this.tier = tier;
  }

  /** The tier's answer for a read, or null when it cannot be reached (the read then goes to the database). */
  SharedTier.Lookup lookup(String namespace, List<String> tables, String entryHash) {
    try {
      return tier.lookup(namespace, tables, entryHash);
    } catch (RuntimeException e) {
      // SharedTierUnavailable, or a reply the tier did not expect (a foreign value under one of its keys):
      // either way the database answers.
      bypassedReads.increment();
      return null;
    }
  }

  /**
   * The entry a lookup brought, if it was read under the current stamp and its TTL (counted from the database
   * read, on whichever instance made it) has time left; null otherwise.
   */
  RowsCodec.Entry current(SharedTier.Lookup found, Duration ttl) {
    if (found.entry() == null) {
      return null;
    }
    RowsCodec.Entry entry = RowsCodec.decode(found.entry());
    if (entry == null || !entry.stamp().equals(found.stamp()) || leftNanos(entry, ttl) <= 0) {
      return null;
    }
    hits.increment();
    return entry;
  }

  static long leftNanos(RowsCodec.Entry entry, Duration ttl) {
    return ttl.toNanos() - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - entry.readAtMillis());
  }

  /** Offers rows to the tier; too large, not encodable, outdated or unreachable: they stay local only. */
  void store(String namespace, List<String> tables, String entryHash, RowsCodec.Entry entry, Duration ttl) {
    byte[] bytes = RowsCodec.encode(entry);
    if (bytes == null || bytes.length > tier.maxEntryBytes()) {
      return;
    }
    try {
      if (tier.store(namespace, tables, entry.stamp(), entryHash, bytes, ttl.toMillis())) {
        stores.increment();
      } else {
        staleStores.increment();
      }
    } catch (RuntimeException e) {
      // The rows are returned all the same; the next lookup finds the tier down and bypasses it.
    }
  }

  void published(String namespace, Set<String> tables, boolean everything) {
    boolean done;
    try {
      done = tier.published(namespace, tables, everything);
    } catch (RuntimeException e) {
      done = false;
    }
    if (!done) {
      failedPublishes.increment();
    }
  }

  SharedTierStatistics statistics() {
    return new SharedTierStatistics(hits.sum(), stores.sum(), staleStores.sum(), bypassedReads.sum(),
        failedPublishes.sum(), tier.pendingTables());
  }
}
