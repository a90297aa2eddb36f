package io.querydoctor.core.report;

import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The workload table as formatted cells, shared by the renderers so they agree on what each column shows. */
final class WorkloadRows {

  static final List<String> HEADER = List.of("#", "calls", "total", "share", "mean", "p95", "max", "fingerprint",
      "statement");

  /** The statement is the last column: the text renderer gives it the rest of the line. */
  static final int STATEMENT = HEADER.size() - 1;

  private WorkloadRows() {}

  /** True for the columns that hold numbers (rank, calls, times, share): right-aligned, sorted as numbers. */
  static boolean isNumeric(int column) {
    return column >= 0 && column <= 6;
  }

  /**
   * The numbers behind the numeric cells of {@link #rows}, row for row, for sorting (a cell says "1.2 s", the
   * value is 1200): rank, calls, total, share, mean, p95 (-1 when unknown), max.
   */
  static List<double[]> sortValues(WorkloadDigest digest) {
    List<double[]> values = new ArrayList<>();
    int rank = 1;
    for (ShapeDigest shape : digest.shapes()) {
      values.add(values(rank++, digest, shape));
    }
    if (digest.other() != null) {
      values.add(values(Integer.MAX_VALUE, digest, digest.other()));
    }
    return values;
  }

  private static double[] values(int rank, WorkloadDigest digest, ShapeDigest shape) {
    return new double[] {rank, shape.calls(), shape.totalMillis(), digest.shareOfTime(shape), shape.meanMillis(),
        shape.p95Millis() == null ? -1 : shape.p95Millis(), shape.maxMillis()};
  }

  /** One row per shape, then the "other" bucket if any. The statement cell is the full normalized text. */
  static List<List<String>> rows(WorkloadDigest digest) {
    List<List<String>> rows = new ArrayList<>();
    int rank = 1;
    for (ShapeDigest shape : digest.shapes()) {
      rows.add(row(String.valueOf(rank++), digest, shape, shape.example()));
    }
    if (digest.other() != null) {
      rows.add(row("", digest, digest.other(),
          "(" + Quantities.number(digest.otherShapes()) + " other shapes)"));
    }
    return rows;
  }

  /** "12 345 statements, 3.4 s in total, 2026-11-21T06:00:00Z … 06:10:00Z, from FILE". */
  static String headline(WorkloadDigest digest) {
    StringBuilder text = new StringBuilder();
    text.append(Quantities.count(digest.statements(), "statement")).append(", ")
        .append(Quantities.millis(digest.totalMillis())).append(" in total, ")
        .append(Quantities.count(digest.shapes().size() + digest.otherShapes(), "shape"));
    if (digest.firstSeen() != null) {
      text.append(", ").append(digest.firstSeen()).append(" … ").append(digest.lastSeen());
    }
    text.append(", from ").append(digest.source());
    return text.toString();
  }

  private static List<String> row(String rank, WorkloadDigest digest, ShapeDigest shape, String statement) {
    return List.of(rank, Quantities.number(shape.calls()), Quantities.millis(shape.totalMillis()),
        String.format(Locale.ROOT, "%.1f %%", 100 * digest.shareOfTime(shape)), Quantities.millis(shape.meanMillis()),
        shape.p95Millis() == null ? "–" : Quantities.millis(shape.p95Millis()), Quantities.millis(shape.maxMillis()),
        shape.isOther() ? "" : shape.fingerprint(), statement + (shape.partial() ? " (partial)" : ""));
  }
}
