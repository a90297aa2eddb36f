package io.querydoctor.core.plan;

/**
 * Buffer (page) traffic of a node and its children, over every loop, as EXPLAIN (ANALYZE, BUFFERS) reports it.
 * Pages are 8 kB blocks in PostgreSQL.
 */
public record Buffers(
    long sharedHit,
    long sharedRead,
    long sharedDirtied,
    long sharedWritten,
    long localHit,
    long localRead,
    long tempRead,
    long tempWritten) {

  public static final Buffers NONE = new Buffers(0, 0, 0, 0, 0, 0, 0, 0);

  /** Pages found in or brought into the buffer cache. */
  public long sharedTotal() {
    return sharedHit + sharedRead;
  }
}
