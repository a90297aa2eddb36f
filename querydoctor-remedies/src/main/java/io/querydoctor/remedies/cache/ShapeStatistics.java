package io.querydoctor.remedies.cache;

/**
 * The cache's counts for one query shape since the cache was made.
 *
 * @param fingerprintId the shape
 * @param example the shape's normalized text (literals replaced by {@code ?})
 * @param hits lookups answered from memory
 * @param misses lookups that went to the database
 * @param evictions entries dropped for size or expiry
 * @param invalidations entries found outdated by a write through the data source
 */
public record ShapeStatistics(String fingerprintId, String example, long hits, long misses, long evictions,
    long invalidations) {

  public long lookups() {
    return hits + misses;
  }

  /** Hits per lookup, 0 when there was none. */
  public double hitRatio() {
    return lookups() == 0 ? 0 : (double) hits / lookups();
  }
}
