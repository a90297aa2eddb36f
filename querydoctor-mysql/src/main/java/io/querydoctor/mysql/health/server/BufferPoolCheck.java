package io.querydoctor.mysql.health.server;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.health.MySqlHealthCheck;
import io.querydoctor.mysql.health.ServerStatus;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * low-cache-hit-ratio (page reads served by the buffer pool: {@code 1 − Innodb_buffer_pool_reads /
 * Innodb_buffer_pool_read_requests}, since the server started) and buffer-pool-undersized (the pool against all
 * InnoDB data and indexes on the server).
 */
public final class BufferPoolCheck implements MySqlHealthCheck {

  static final String DATA_SQL = """
      SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES WHERE ENGINE = 'InnoDB'
      """;

  /**
   * The numbers both rules judge.
   *
   * @param readRequests logical page reads; {@code diskReads} of them missed the pool
   */
  public record Sample(double readRequests, double diskReads, long poolBytes, long innoDbBytes) {}

  @Override
  public String name() {
    return "buffer pool";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    ServerStatus status = ServerStatus.read(target.executor(), true,
        List.of("Innodb_buffer_pool_read_requests", "Innodb_buffer_pool_reads"));
    long pool = target.executor().queryOne("SELECT @@GLOBAL.innodb_buffer_pool_size", rs -> rs.getLong(1));
    long data = target.executor().queryOne(DATA_SQL, rs -> rs.getLong(1));
    results.addAll(findings(new Sample(status.number("Innodb_buffer_pool_read_requests", 0),
        status.number("Innodb_buffer_pool_reads", 0), pool, data), thresholds));
  }

  static List<Finding> findings(Sample s, MySqlThresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    double hit = s.readRequests() == 0 ? 1 : 1 - s.diskReads() / s.readRequests();
    if (s.readRequests() >= thresholds.cacheMinReadRequests() && hit < thresholds.cacheHitRatio()) {
      findings.add(Finding.builder("low-cache-hit-ratio", Severity.MEDIUM)
          .title(String.format(Locale.ROOT, "Buffer pool hit ratio is %.2f %%", hit * 100))
          .subject(Subject.setting("innodb_buffer_pool_size"))
          .detail(String.format(Locale.ROOT, "%.0f of %.0f page reads since the server started went to disk; an OLTP "
              + "working set is read from the buffer pool 99 %% of the time.", s.diskReads(), s.readRequests()))
          .evidence(Evidence.crossed("hit_ratio", hit, "ratio", thresholds.cacheHitRatio()))
          .evidence(Evidence.of("read_requests", s.readRequests(), "count"))
          .impact(Impact.unknown(String.format(Locale.ROOT, "%.0f page reads from disk", s.diskReads())))
          .fix(poolFix(s))
          .build());
    }
    double covered = s.innoDbBytes() == 0 ? 1 : s.poolBytes() / (double) s.innoDbBytes();
    if (covered < thresholds.bufferPoolMinDataRatio()) {
      findings.add(Finding.builder("buffer-pool-undersized", Severity.LOW)
          .title(String.format(Locale.ROOT, "The buffer pool (%s) holds %.0f %% of the InnoDB data (%s)",
              mib(s.poolBytes()), covered * 100, mib(s.innoDbBytes())))
          .subject(Subject.setting("innodb_buffer_pool_size"))
          .detail("Data and indexes outgrow the pool: unless the working set is a small part of them, reads go to "
              + "disk. On a dedicated server the pool is usually 50 to 75 % of RAM.")
          .evidence(Evidence.crossed("pool_to_data", covered, "ratio", thresholds.bufferPoolMinDataRatio()))
          .evidence(Evidence.of("pool_bytes", s.poolBytes(), "bytes"))
          .evidence(Evidence.of("innodb_bytes", s.innoDbBytes(), "bytes"))
          .impact(Impact.unknown("reads that miss the pool go to disk"))
          .fix(poolFix(s))
          .build());
    }
    return findings;
  }

  private static Fix poolFix(Sample s) {
    long target = Math.max(s.poolBytes() * 2, Math.min(s.innoDbBytes(), s.poolBytes() * 4));
    return Fix.setting("Grow the buffer pool (resized online, in chunks) if the machine has the memory; set it in "
        + "my.cnf too so that a restart keeps it.", "SET GLOBAL innodb_buffer_pool_size = " + target + ";");
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
