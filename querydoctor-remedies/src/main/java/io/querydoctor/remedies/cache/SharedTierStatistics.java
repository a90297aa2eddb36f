package io.querydoctor.remedies.cache;

/**
 * What the shared tier did, summed over all shapes.
 *
 * @param hits reads answered from the shared store (the local tier missed)
 * @param stores entries written to it
 * @param staleStores entries not written because a write moved their tables' generations while they were read
 * @param bypassedReads reads sent to the database because the store could not be reached (fail-open)
 * @param failedPublishes writes whose invalidation could not be published at once (kept and published later)
 * @param pendingTables tables whose invalidation is waiting for the store to come back
 */
public record SharedTierStatistics(long hits, long stores, long staleStores, long bypassedReads,
    long failedPublishes, int pendingTables) {}
