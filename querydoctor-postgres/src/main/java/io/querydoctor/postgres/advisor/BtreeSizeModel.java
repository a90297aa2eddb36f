package io.querydoctor.postgres.advisor;

import java.util.List;

/**
 * The size of a B-tree index as {@code CREATE INDEX} lays it out, from the table's row count and its columns'
 * statistics: leaf pages filled to the build's fillfactor (90 %), internal pages to 70 %, a metapage, and on
 * PostgreSQL 13 and later the deduplication of equal keys into posting-list tuples.
 *
 * <p>Design note. HypoPG sizes an index as one tuple per row; since PostgreSQL 13 a build stores each run of
 * equal keys as one tuple holding the key once and a 6-byte heap pointer per row (a posting list, at most a tenth
 * of a page each, {@code nbtsort.c}), so an index on a column with few distinct values takes a fraction of that.
 * The model sizes each group of equal keys: a single row is a plain tuple, a run of {@code k} rows
 * {@code ceil(k / m)} posting tuples of up to {@code m} pointers. Group sizes come from the most common values'
 * frequencies where the statistics have them (one key column); the other values hold the rest of the rows at
 * random, so a group's size is a Poisson count (conditioned on at least one row: the statistics count values
 * present). The key columns of a multi-column index are taken as independent (as the planner does, {@code
 * estimate_num_groups}): the rows fall at random into every combination of their values, so with more
 * combinations than rows most keys are unique and few pairs share a posting list. Above 50 rows per group the
 * spread hardly matters and groups are even, a fractional size interpolating between its neighbours. Unique indexes,
 * indexes with {@code INCLUDE} columns, and keys of a type without deduplication (numeric, float, jsonb,
 * containers) are laid out one tuple per row. Errors against real builds are in docs/performance.md.
 */
final class BtreeSizeModel {

  static final int PAGE = 8192;
  private static final int USABLE = PAGE - 24 - 16;
  /** Free space a leaf keeps at fillfactor 90, and an internal page at 70 ({@code BTREE_NONLEAF_FILLFACTOR}). */
  private static final int LEAF_RESERVE = PAGE * 10 / 100;
  private static final int INTERNAL_RESERVE = PAGE * 30 / 100;
  private static final int LINE_POINTER = 4;
  private static final int TUPLE_HEADER = 8;
  private static final int HEAP_POINTER = 6;
  /** The largest posting-list tuple a build forms: a tenth of the page less a line pointer ({@code nbtsort.c}). */
  private static final int MAX_POSTING = (PAGE * 10 / 100) / 8 * 8 - LINE_POINTER;

  /**
   * One column of the index as the statistics describe it.
   *
   * @param width average stored width in bytes ({@code pg_stats.avg_width}; a fixed-length type's length)
   * @param length the type's length ({@code typlen}), -1 for a variable-length type
   * @param align the type's alignment in bytes (1, 2, 4 or 8)
   * @param nullFraction share of rows where it is null
   * @param distinct distinct non-null values (already converted from a negative {@code n_distinct})
   * @param commonFrequencies the most common values' frequencies, or empty
   * @param deduplicable whether equal values may share a posting list (false for numeric, float, jsonb, …)
   */
  record Column(double width, int length, int align, double nullFraction, double distinct,
      double[] commonFrequencies, boolean deduplicable) {}

  private BtreeSizeModel() {}

  /**
   * Bytes of a B-tree on {@code rows} rows with {@code keys} (and {@code include} columns, never deduplicated);
   * {@code deduplication} is whether the server deduplicates (PostgreSQL 13+, not a unique index).
   */
  static long bytes(double rows, List<Column> keys, List<Column> include, boolean deduplication) {
    double tuple = tupleBytes(keys, include);
    boolean dedup = deduplication && include.isEmpty() && keys.stream().allMatch(Column::deduplicable);
    double leafBytes = dedup ? dedupLeafBytes(rows, keys, tuple) : rows * (tuple + LINE_POINTER);
    // A page takes items while more than the reserve is free (the last one crosses it), less its high key.
    double perLeaf = USABLE - LEAF_RESERVE + (tuple + LINE_POINTER) / 2 - (tuple + LINE_POINTER);
    double leaves = Math.max(1, Math.ceil(leafBytes / perLeaf));
    // Pivots keep a heap pointer to tell apart equal keys on either side of a page boundary.
    double pivot = align8(tuple + (dedup ? HEAP_POINTER : 0)) + LINE_POINTER;
    double fanout = Math.max(2, (USABLE - INTERNAL_RESERVE) / pivot);
    double internal = 0;
    for (double level = leaves; level > 1; ) {
      level = Math.ceil(level / fanout);
      internal += level;
    }
    return (long) ((1 + leaves + internal) * PAGE);
  }

  /** Leaf bytes with equal keys grouped into posting lists. */
  private static double dedupLeafBytes(double rows, List<Column> keys, double tuple) {
    int perPosting = (int) ((MAX_POSTING - tuple) / HEAP_POINTER);
    if (perPosting < 2) {
      return rows * (tuple + LINE_POINTER);
    }
    if (keys.size() == 1) {
      Column key = keys.get(0);
      double nonNull = rows * (1 - key.nullFraction());
      double bytes = groupBytes(rows * key.nullFraction(), align8(TUPLE_HEADER + 4), perPosting);
      double common = 0;
      for (double frequency : key.commonFrequencies()) {
        bytes += groupBytes(frequency * rows, tuple, perPosting);
        common += frequency * rows;
      }
      double others = Math.max(1, key.distinct() - key.commonFrequencies().length);
      double rest = Math.max(0, nonNull - common);
      // The statistics count the values present: each has at least one row, the rest spread at random.
      return bytes + others * presentGroupBytes(rest / others, tuple, perPosting);
    }
    // Independent columns: the rows fall at random into every combination of their values.
    double combinations = 1;
    for (Column key : keys) {
      combinations *= Math.max(1, key.distinct());
    }
    double lambda = rows / combinations;
    if (lambda > UNIFORM_ABOVE) {
      return combinations * groupBytes(lambda, tuple, perPosting);
    }
    return combinations * poissonGroupBytes(lambda, tuple, perPosting, false);
  }

  /** Beyond this many rows per group, random spread changes the bytes by little: groups are taken as even. */
  private static final double UNIFORM_ABOVE = 50;

  /**
   * Expected bytes of a group of equal keys known to be present, holding {@code mean} rows on average: sizes as
   * a Poisson count conditioned on at least one row (its rate solved from the mean).
   */
  private static double presentGroupBytes(double mean, double tuple, int perPosting) {
    if (mean <= 1) {
      return mean * (tuple + LINE_POINTER);
    }
    if (mean > UNIFORM_ABOVE) {
      return groupBytes(mean, tuple, perPosting);
    }
    double low = 0;
    double high = mean;
    for (int i = 0; i < 60; i++) {
      double lambda = (low + high) / 2;
      if (lambda / -Math.expm1(-lambda) < mean) {
        low = lambda;
      } else {
        high = lambda;
      }
    }
    return poissonGroupBytes((low + high) / 2, tuple, perPosting, true);
  }

  /** Σ over sizes j ≥ 1 of P(j) × bytes(j) for a Poisson({@code lambda}) size, conditioned on j ≥ 1 if asked. */
  private static double poissonGroupBytes(double lambda, double tuple, int perPosting, boolean present) {
    double probability = Math.exp(-lambda);
    double bytes = 0;
    // Up to ten standard deviations above the mean: the tail beyond is below any byte.
    int last = (int) Math.ceil(lambda + 10 * Math.sqrt(lambda) + 10);
    for (int j = 1; j <= last; j++) {
      probability *= lambda / j;
      bytes += probability * wholeGroupBytes(j, tuple, perPosting);
    }
    return present ? bytes / -Math.expm1(-lambda) : bytes;
  }

  /** Bytes (line pointers included) of a run of {@code rows} equal keys, linear between whole row counts. */
  private static double groupBytes(double rows, double tuple, int perPosting) {
    if (rows <= 0) {
      return 0;
    }
    double whole = Math.floor(rows);
    double fraction = rows - whole;
    return (1 - fraction) * wholeGroupBytes((long) whole, tuple, perPosting)
        + fraction * wholeGroupBytes((long) whole + 1, tuple, perPosting);
  }

  private static double wholeGroupBytes(long rows, double tuple, int perPosting) {
    long full = rows / perPosting;
    long rest = rows % perPosting;
    double bytes = full * (align8(tuple + HEAP_POINTER * perPosting) + LINE_POINTER);
    if (rest == 1) {
      bytes += tuple + LINE_POINTER;
    } else if (rest > 1) {
      bytes += align8(tuple + HEAP_POINTER * rest) + LINE_POINTER;
    }
    return bytes;
  }

  /** An index tuple without nulls: header, then each column at its alignment, the whole 8-byte aligned. */
  static double tupleBytes(List<Column> keys, List<Column> include) {
    double offset = TUPLE_HEADER;
    for (List<Column> columns : List.of(keys, include)) {
      for (Column column : columns) {
        // A short variable-length value (under 127 bytes) has a 1-byte header and no alignment.
        boolean packed = column.length() < 0 && column.width() < 127;
        if (!packed) {
          offset = Math.ceil(offset / column.align()) * column.align();
        }
        offset += column.width();
      }
    }
    return align8(offset);
  }

  private static double align8(double bytes) {
    return Math.ceil(bytes / 8) * 8;
  }
}
