package io.querydoctor.postgres.health.maintenance;

/**
 * Estimates how many pages a relation would need if it were freshly packed, from the planner's statistics
 * alone (no extension, no reading of the relation).
 *
 * <p>Design note. A heap tuple takes a 23-byte header (plus a null bitmap of one bit per column when any
 * value is null), padded to 8 bytes, then its data — the sum of each column's {@code avg_width} weighted by
 * {@code 1 - null_frac}, padded to 8 — and a 4-byte line pointer in the page. A page offers its size minus
 * the 24-byte page header, times the fillfactor. A B-tree leaf tuple takes an 8-byte header plus the key
 * data padded to 8 and a line pointer; its page also keeps a 16-byte special area, and the index has one
 * meta page. Expected pages = tuples / tuples per page; the rest of the relation is the estimated waste.
 * The estimate ignores alignment padding between columns and internal B-tree pages, so it errs low on
 * waste, which is the safe side for a rule that suggests a rewrite.
 */
public final class BloatEstimate {

  private static final int PAGE_HEADER = 24;
  private static final int LINE_POINTER = 4;
  private static final int HEAP_TUPLE_HEADER = 23;
  private static final int INDEX_TUPLE_HEADER = 8;
  private static final int BTREE_SPECIAL = 16;
  private static final int ALIGN = 8;

  private BloatEstimate() {}

  /**
   * @param expectedPages pages a packed copy would take
   * @param wastedBytes bytes beyond that, at least 0
   * @param wastedRatio wasted share of the relation's size
   */
  public record Result(long expectedPages, long wastedBytes, double wastedRatio) {}

  /** Heap estimate for {@code tuples} tuples of {@code dataWidth} bytes in {@code pages} pages. */
  public static Result heap(long tuples, long pages, int blockSize, int fillfactor, double dataWidth,
      boolean hasNulls, int columns) {
    int header = align(HEAP_TUPLE_HEADER + (hasNulls ? (columns + 7) / 8 : 0));
    double tupleBytes = header + align(dataWidth) + LINE_POINTER;
    double usable = (blockSize - PAGE_HEADER) * fillfactor / 100.0;
    return result(tuples, pages, blockSize, Math.max(1, Math.floor(usable / tupleBytes)), 0);
  }

  /** B-tree estimate for {@code tuples} index entries with {@code keyWidth} bytes of key data. */
  public static Result btree(long tuples, long pages, int blockSize, int fillfactor, double keyWidth) {
    double tupleBytes = INDEX_TUPLE_HEADER + align(keyWidth) + LINE_POINTER;
    double usable = (blockSize - PAGE_HEADER - BTREE_SPECIAL) * fillfactor / 100.0;
    return result(tuples, pages, blockSize, Math.max(1, Math.floor(usable / tupleBytes)), 1);
  }

  private static Result result(long tuples, long pages, int blockSize, double perPage, int extraPages) {
    long expected = (long) Math.ceil(Math.max(tuples, 0) / perPage) + extraPages;
    long wastedPages = Math.max(0, pages - expected);
    double ratio = pages == 0 ? 0 : (double) wastedPages / pages;
    return new Result(expected, wastedPages * blockSize, ratio);
  }

  private static int align(double bytes) {
    return (int) (Math.ceil(bytes / ALIGN) * ALIGN);
  }
}
