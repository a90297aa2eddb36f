package io.querydoctor.postgres.plan;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measured runtime of TPC-H's 22 queries (BENCHMARKS.md §5: "actual runtime of the 22 queries before/after"):
 * the benchmark's 19 files and trino's texts of q2, q17 and q20, each run once to its last row under a
 * {@code statement_timeout}; one that does not finish reads "> N s". Every table is read once first, so no query
 * pays alone for a cold cache (SF 0.1's tables fit in memory).
 */
final class TpchRuntimes {

  private final Connection connection;
  private final int timeoutSeconds;

  TpchRuntimes(Connection connection, int timeoutSeconds) {
    this.connection = connection;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The query text of TPC-H query {@code number}: the benchmark's file, else trino's text. */
  static String text(int number) throws IOException {
    return TpchBenchmarkFiles.QUERIES.contains(number) ? TpchBenchmarkFiles.query(number) : TpchDatabase.query(number);
  }

  /** Each query's time in seconds, or a negative number when it hit the timeout; index q - 1. */
  List<Double> measure() throws SQLException, IOException {
    List<Double> seconds = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      for (String table : List.of("region", "nation", "part", "supplier", "partsupp", "customer", "orders",
          "lineitem")) {
        s.execute("SELECT count(*) FROM " + table);
      }
      s.execute("SET statement_timeout = '" + timeoutSeconds + "s'");
      for (int q = 1; q <= 22; q++) {
        long start = System.nanoTime();
        try (ResultSet rs = s.executeQuery(text(q))) {
          while (rs.next()) {
            rs.getObject(1);
          }
          seconds.add((System.nanoTime() - start) / 1e9);
        } catch (SQLException e) {
          if (!"57014".equals(e.getSQLState())) {
            throw e;
          }
          seconds.add(-1.0);
        }
      }
      s.execute("RESET statement_timeout");
    }
    return seconds;
  }

  String format(double seconds) {
    return seconds < 0 ? "> " + timeoutSeconds + " s" : String.format(Locale.ROOT, "%.3f s", seconds);
  }

  /** The sum of the finished queries' times and how many did not finish, as one line. */
  String total(List<Double> seconds) {
    double sum = seconds.stream().filter(t -> t >= 0).mapToDouble(Double::doubleValue).sum();
    long timedOut = seconds.stream().filter(t -> t < 0).count();
    return String.format(Locale.ROOT, "%.1f s%s", sum, timedOut == 0 ? "" : " + " + timedOut + " × > "
        + timeoutSeconds + " s");
  }
}
