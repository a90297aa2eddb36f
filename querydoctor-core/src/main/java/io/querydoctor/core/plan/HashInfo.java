package io.querydoctor.core.plan;

/**
 * Memory behaviour of a hash table (a hash join's build side or a hashed aggregate), from EXPLAIN ANALYZE.
 *
 * @param buckets hash buckets in the final table; 0 when not reported
 * @param batches batches used; more than one means the table did not fit in memory and went to disk
 * @param originalBatches batches planned before the executor had to grow the count
 * @param peakMemoryKb peak memory of the table, in kB
 * @param diskKb disk used by a hashed aggregate's spill, in kB; 0 when none or not reported
 */
public record HashInfo(long buckets, long batches, long originalBatches, long peakMemoryKb, long diskKb) {

  public boolean spilled() {
    return batches > 1 || diskKb > 0;
  }
}
