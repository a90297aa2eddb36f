package io.querydoctor.remedies.cache;

import java.util.concurrent.atomic.LongAdder;

/** The shared tier's counts, kept by the cache (the tier itself only answers). */
final class SharedCounters {

  final LongAdder hits = new LongAdder();
  final LongAdder stores = new LongAdder();
  final LongAdder staleStores = new LongAdder();
  final LongAdder bypassedReads = new LongAdder();
  final LongAdder failedPublishes = new LongAdder();

  SharedTierStatistics snapshot(SharedTier tier) {
    return new SharedTierStatistics(hits.sum(), stores.sum(), staleStores.sum(), bypassedReads.sum(),
        failedPublishes.sum(), tier.pendingTables());
  }
}
