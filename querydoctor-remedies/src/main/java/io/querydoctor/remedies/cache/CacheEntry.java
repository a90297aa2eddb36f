package io.querydoctor.remedies.cache;

import java.util.List;

/**
 * One cached result.
 *
 * @param rows the result, complete
 * @param fingerprintId the shape it belongs to, for the counters
 * @param tables the tables it read
 * @param versions those tables' versions before the query ran ({@link TableVersions#snapshot})
 * @param ttlNanos how long it lives after it was stored
 */
record CacheEntry(CachedRows rows, String fingerprintId, List<String> tables, long[] versions, long ttlNanos) {}
