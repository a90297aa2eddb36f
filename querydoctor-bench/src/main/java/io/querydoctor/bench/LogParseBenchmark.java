package io.querydoctor.bench;

import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.mysql.MySqlSlowLogReader;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.postgres.log.PgStderrLogReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The log parser core on one core, from bytes in memory (no disk, no decompression, no threads): {@code read}
 * is line splitting plus the format reader (entries classified and decoded into statements), {@code digest}
 * adds fingerprinting and the per-shape statistics. Inputs are generated once: a PostgreSQL stderr log in the
 * shape the embedded server writes with {@code log_min_duration_statement = 0} (extended protocol:
 * parse/bind/execute lines and DETAIL parameters, some simple-protocol and multi-line statements) and a MariaDB
 * slow log with sysbench {@code oltp_read_write}'s statement mix (literals inline). Time per op is per whole
 * input; MB/s = {@link #megabytes()} / seconds per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogParseBenchmark {

  @Param({"pg-stderr", "mysql-slow"})
  public String format;

  /** Input size in megabytes (10^6 bytes). */
  @Param({"32"})
  public int size;

  private byte[] log;

  @Setup
  public void generate() {
    log = format.equals("pg-stderr") ? pgStderr(size * 1_000_000) : mysqlSlow(size * 1_000_000);
  }

  double megabytes() {
    return log.length / 1e6;
  }

  @Benchmark
  public long read() throws java.io.IOException {
    ParseProblems problems = new ParseProblems();
    try (LineReader lines = new LineReader(new ByteArrayInputStream(log), problems)) {
      return reader().read(lines).count();
    }
  }

  @Benchmark
  public long digest() throws java.io.IOException {
    ParseProblems problems = new ParseProblems();
    DigestBuilder builder = new DigestBuilder(format.equals("pg-stderr") ? SqlDialect.POSTGRESQL : SqlDialect.MYSQL);
    try (LineReader lines = new LineReader(new ByteArrayInputStream(log), problems)) {
      reader().read(lines).forEach(builder::add);
    }
    return builder.build("bench", problems.summary()).statements();
  }

  private LogReader reader() {
    return format.equals("pg-stderr") ? PgStderrLogReader.forPrefix("%m [%p] %q%u@%d ") : new MySqlSlowLogReader();
  }

  private static final String[] PG_STATEMENTS = {
    "SELECT id, title, body FROM post WHERE id = $1",
    "SELECT count(*) FROM comment WHERE post_id = $1 AND created_at > $2",
    "UPDATE account SET balance = balance + $1 WHERE id = $2",
    "SELECT p.id, p.title, a.name FROM post p JOIN author a ON a.id = p.author_id WHERE a.id = $1 ORDER BY p.id"
        + " DESC LIMIT 20",
    "INSERT INTO audit (account_id, amount, at) VALUES ($1, $2, now())",
  };

  static byte[] pgStderr(int bytes) {
    Random random = new Random(7);
    StringBuilder out = new StringBuilder(bytes + 4096);
    long millis = 1_795_240_000_000L;
    while (out.length() < bytes) {
      millis += random.nextInt(3);
      String prefix = String.format(Locale.ROOT, "2026-11-21 06:%02d:%02d.%03d UTC [%d] app@shop LOG:  ",
          (millis / 60_000) % 60, (millis / 1000) % 60, millis % 1000, 20_000 + random.nextInt(40));
      int kind = random.nextInt(PG_STATEMENTS.length + 2);
      if (kind == PG_STATEMENTS.length) {
        out.append(prefix).append("duration: ").append(duration(random)).append(" ms  statement: SELECT o.id,")
            .append("\n\t       o.total\n\t  FROM orders o\n\t WHERE o.customer_id = ").append(random.nextInt(9999))
            .append("\n\t   AND o.status IN ('new', 'paid', 'sent')\n");
      } else if (kind > PG_STATEMENTS.length) {
        out.append(prefix).append("duration: ").append(duration(random)).append(" ms  statement: BEGIN\n");
      } else {
        String sql = PG_STATEMENTS[kind];
        out.append(prefix).append("duration: 0.0").append(random.nextInt(90) + 10).append(" ms  parse <unnamed>: ")
            .append(sql).append('\n');
        out.append(prefix).append("duration: 0.0").append(random.nextInt(90) + 10).append(" ms  bind <unnamed>: ")
            .append(sql).append('\n');
        out.append(prefix.replace("LOG:  ", "DETAIL:  ")).append("Parameters: $1 = '")
            .append(random.nextInt(100_000)).append("', $2 = '").append(random.nextInt(100)).append("'\n");
        out.append(prefix).append("duration: ").append(duration(random)).append(" ms  execute <unnamed>: ")
            .append(sql).append('\n');
        out.append(prefix.replace("LOG:  ", "DETAIL:  ")).append("Parameters: $1 = '")
            .append(random.nextInt(100_000)).append("', $2 = '").append(random.nextInt(100)).append("'\n");
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] mysqlSlow(int bytes) {
    Random random = new Random(11);
    StringBuilder out = new StringBuilder(bytes + 4096);
    out.append("/usr/sbin/mariadbd, Version: 10.11.6-MariaDB-0+deb12u1-log (Debian 12). started with:\n")
        .append("Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock\nTime\t\t    Id Command\tArgument\n");
    long seconds = 1_795_240_000L;
    while (out.length() < bytes) {
      seconds += random.nextInt(2);
      int table = 1 + random.nextInt(10);
      int id = 1 + random.nextInt(100_000);
      String sql = switch (random.nextInt(6)) {
        case 0, 1, 2 -> "SELECT c FROM sbtest" + table + " WHERE id=" + id;
        case 3 -> "SELECT c FROM sbtest" + table + " WHERE id BETWEEN " + id + " AND " + (id + 99) + " ORDER BY c";
        case 4 -> "UPDATE sbtest" + table + " SET k=k+1 WHERE id=" + id;
        default -> "INSERT INTO sbtest" + table + " (id, k, c, pad) VALUES (" + id + ", " + random.nextInt(100_000)
            + ", '" + Long.toHexString(random.nextLong()) + "-" + Long.toHexString(random.nextLong()) + "', '"
            + Long.toHexString(random.nextLong()) + "')";
      };
      out.append("# Time: 261121  6:").append(String.format(Locale.ROOT, "%02d:%02d", (seconds / 60) % 60,
          seconds % 60)).append('\n')
          .append("# User@Host: sbtest[sbtest] @ localhost []\n")
          .append("# Thread_id: ").append(30 + random.nextInt(8)).append("  Schema: sbtest  QC_hit: No\n")
          .append("# Query_time: ").append(String.format(Locale.ROOT, "%.6f", random.nextDouble() / 1000))
          .append("  Lock_time: 0.000012  Rows_sent: 1  Rows_examined: 1\n")
          .append("# Rows_affected: 0  Bytes_sent: 190\n")
          .append("SET timestamp=").append(seconds).append(";\n")
          .append(sql).append(";\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String duration(Random random) {
    return String.format(Locale.ROOT, "%.3f", 0.02 + random.nextDouble() * random.nextDouble() * 5);
  }
}
