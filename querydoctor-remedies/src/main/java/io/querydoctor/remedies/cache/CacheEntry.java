package io.querydoctor.remedies.cache;

import java.util.List;

/**
 * One cached result in the local tier.
 *
 * @param rows the result, complete
 * @param fingerprintId the shape it belongs to, for the counters
 * @param tables the tables it read
 * @param versions those tables' local versions before the query ran ({@link TableVersions#snapshot})
 * @param stamp the shared tier's stamp it was read under, or null when there is no shared tier
 * @param ttlNanos how long it lives after it was stored
 */
record CacheEntry(CachedRows rows, String fingerprintId, List<String> tables, long[] versions, SharedStamp stamp,
    long ttlNanos) {}
