package io.querydoctor.core.digest;

import java.util.Comparator;
import java.util.Locale;

/** How the shapes of a digest are ranked ({@code --sort}). Ties break on the fingerprint, so order is stable. */
public enum DigestSort {
  TOTAL(Comparator.comparingDouble(ShapeDigest::totalMillis)),
  MEAN(Comparator.comparingDouble(ShapeDigest::meanMillis)),
  P95(Comparator.comparingDouble(ShapeDigest::p95OrMeanMillis)),
  CALLS(Comparator.comparingLong(ShapeDigest::calls));

  private final Comparator<ShapeDigest> descending;

  DigestSort(Comparator<ShapeDigest> ascending) {
    this.descending = ascending.reversed().thenComparing(ShapeDigest::fingerprint);
  }

  /** Most costly first. */
  public Comparator<ShapeDigest> order() {
    return descending;
  }

  /** Parses {@code total}, {@code mean}, {@code p95} or {@code calls}; throws naming the allowed values. */
  public static DigestSort parse(String text) {
    for (DigestSort sort : values()) {
      if (sort.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
        return sort;
      }
    }
    throw new IllegalArgumentException("unknown sort '" + text + "' (expected total, mean, p95 or calls)");
  }
}
