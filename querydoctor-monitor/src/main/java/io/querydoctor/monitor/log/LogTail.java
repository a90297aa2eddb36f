package io.querydoctor.monitor.log;

import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.postgres.log.LogLinePrefix;
import io.querydoctor.postgres.log.PgCsvLogReader;
import io.querydoctor.postgres.log.PgJsonLogReader;
import io.querydoctor.postgres.log.PgStderrLogReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a target's server log and turns the {@code duration:} entries written since the previous call into
 * true percentiles per statement fingerprint ({@code --log FILE|auto}).
 *
 * <p>Design: each call reads what the log gained (at most {@link #MAX_READ_BYTES}; the rest waits for the next
 * call), keeps an incomplete last line for the next call, and parses the complete ones with the format's reader
 * from the {@code digest} command (stderr with the server's {@code log_line_prefix}, csvlog, jsonlog). Entries of
 * other databases are skipped when the prefix records the database ({@code %d}). Durations are grouped by
 * fingerprint, at most {@link #MAX_FINGERPRINTS} per interval (further new ones are counted as skipped).
 * Percentiles are only true when every statement is logged: with {@code log_min_duration_statement} above 0
 * the log holds the slow ones only, and their percentiles would describe the slow tail, so then nothing is
 * reported as measured (the reason is returned once in {@link #problem()}). Sampling thread only.
 */
public final class LogTail {

  static final int MAX_READ_BYTES = 16 << 20;
  static final int MAX_FINGERPRINTS = 2_000;

  private static final String SETTINGS = """
      SELECT current_setting('log_min_duration_statement'), current_setting('log_line_prefix')
      """;

  /** The mark the read-only executor puts on QueryDoctor's own statements: the monitor never measures itself. */
  private static final String OWN_STATEMENT = "/* querydoctor */";

  private final LogSource source;
  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private byte[] carry = new byte[0];
  private String problem;
  private long skippedFingerprints;

  public LogTail(LogSource source) {
    this.source = source;
  }

  public LogSource source() {
    return source;
  }

  /** Why the latest call measured nothing (the log unreadable, or not every statement logged), or null. */
  public String problem() {
    return problem;
  }

  /** New fingerprints left out because an interval already had {@link #MAX_FINGERPRINTS}. */
  public long skippedFingerprints() {
    return skippedFingerprints;
  }

  /**
   * The percentiles of the statements the log recorded since the previous call, the most time first; empty
   * when the log cannot be read or does not hold every statement ({@link #problem()} says why). Never throws.
   */
  public List<MeasuredLatency> drain(MonitoredTarget target) {
    String[] settings;
    byte[] fresh;
    try {
      settings = target.executor().queryOne(SETTINGS, rs -> new String[] {rs.getString(1), rs.getString(2)});
      fresh = source.readNew(target, MAX_READ_BYTES);
    } catch (Exception e) {
      problem = "cannot read " + source.describe() + ": " + e.getMessage();
      return List.of();
    }
    if (!"0".equals(settings[0])) {
      carry = new byte[0];
      problem = "log_min_duration_statement is " + settings[0] + " on " + target.name() + ": the log holds only "
          + "the statements slower than that, so percentiles from it would describe the slow ones; set it to 0 for "
          + "true percentiles (they are estimates until then)";
      return List.of();
    }
    problem = null;
    byte[] bytes = complete(fresh);
    if (bytes.length == 0) {
      return List.of();
    }
    return measure(reader(bytes, settings[1]), bytes, target.database());
  }

  /** The complete lines of the carried-over and the fresh bytes; an incomplete last line waits. */
  private byte[] complete(byte[] fresh) {
    byte[] all = new byte[carry.length + fresh.length];
    System.arraycopy(carry, 0, all, 0, carry.length);
    System.arraycopy(fresh, 0, all, carry.length, fresh.length);
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') {
      end--;
    }
    carry = java.util.Arrays.copyOfRange(all, end, all.length);
    return java.util.Arrays.copyOf(all, end);
  }

  private LogReader reader(byte[] bytes, String prefix) {
    boolean csv = source instanceof ServerLogFile server ? server.isCsv()
        : source.describe().endsWith(".csv");
    LogFormat format = csv ? LogFormat.PG_CSV : LogFormat.detect(bytes, Math.min(bytes.length, 64 << 10));
    return switch (format) {
      case PG_CSV -> new PgCsvLogReader();
      case PG_JSON -> new PgJsonLogReader();
      default -> {
        LogLinePrefix detected = prefix == null ? PgStderrLogReader.detectPrefix(bytes,
            Math.min(bytes.length, 64 << 10)) : LogLinePrefix.compile(prefix);
        yield new PgStderrLogReader(detected == null ? LogLinePrefix.compile("%m [%p] ") : detected);
      }
    };
  }

  private List<MeasuredLatency> measure(LogReader reader, byte[] bytes, String database) {
    Map<String, Durations> byFingerprint = new HashMap<>();
    Map<String, String> texts = new HashMap<>();
    try (LineReader lines = new LineReader(new ByteArrayInputStream(bytes), new ParseProblems())) {
      reader.read(lines).forEach(statement -> add(statement, database, byFingerprint, texts));
    } catch (java.io.IOException e) {
      problem = "cannot parse " + source.describe() + ": " + e.getMessage();
    }
    List<MeasuredLatency> measured = new ArrayList<>();
    byFingerprint.forEach((id, durations) -> {
      double[] sorted = durations.sorted();
      measured.add(new MeasuredLatency(id, texts.get(id), durations.count(), durations.totalMs(),
          durations.percentile(sorted, 50), durations.percentile(sorted, 95), durations.percentile(sorted, 99)));
    });
    measured.sort(Comparator.comparingDouble(MeasuredLatency::totalMs).reversed());
    return measured;
  }

  private void add(LogStatement statement, String database, Map<String, Durations> byFingerprint,
      Map<String, String> texts) {
    if (statement.sql() == null || (statement.database() != null && !statement.database().equals(database))
        || statement.sql().startsWith(OWN_STATEMENT)) {
      return;
    }
    Fingerprint fingerprint = fingerprinter.fingerprint(statement.sql());
    Durations durations = byFingerprint.get(fingerprint.id());
    if (durations == null) {
      if (byFingerprint.size() >= MAX_FINGERPRINTS) {
        skippedFingerprints++;
        return;
      }
      durations = new Durations();
      byFingerprint.put(fingerprint.id(), durations);
      texts.put(fingerprint.id(), fingerprint.normalized());
    }
    durations.add(statement.durationMillis());
  }
}
