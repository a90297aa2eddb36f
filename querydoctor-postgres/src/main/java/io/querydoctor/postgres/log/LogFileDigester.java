package io.querydoctor.postgres.log;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.input.InputFile;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.GzipDamage;
import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.LogInput;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.ParseSummary;
import io.querydoctor.core.digest.TimeWindow;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.digest.mysql.MySqlSlowLogReader;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.postgres.statements.PgStatStatementsCsv;
import io.querydoctor.postgres.statements.PgStatStatementsSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Digests log files into one {@link WorkloadDigest}: the entry point of {@code querydoctor digest} and of
 * anything else that folds a log into a diagnosis. Picks the reader per file (given, or detected from the
 * file's first 64 KiB, gzip or not), detects the stderr {@code log_line_prefix} unless given, and streams each
 * file into a {@link DigestBuilder} of its own, several files in parallel (one per core; rotated logs), merged
 * in file order. All files of one call must be of one engine (the fingerprint
 * dialect). Problems with the input files themselves (missing, unreadable, no prefix found) are
 * {@link IOException}s with one-line messages; problems inside them are counted in the digest's parse summary.
 */
public final class LogFileDigester {

  private static final int HEAD_BYTES = 1 << 16;

  private final LogFormat format;
  private final String prefix;
  private final int maxShapes;
  private final ProgressListener progress;
  private final int cores;
  private final long minBytesToSplit;
  private final LoggedPlans plans;
  private final TimeWindow window;

  /**
   * @param format the format of every file, or {@code null} to detect it per file
   * @param prefix the stderr {@code log_line_prefix}, or {@code null} to detect it
   * @param maxShapes shapes kept individually ({@link DigestBuilder#DEFAULT_MAX_SHAPES})
   */
  public LogFileDigester(LogFormat format, String prefix, int maxShapes, ProgressListener progress) {
    this(format, prefix, maxShapes, progress, Runtime.getRuntime().availableProcessors(),
        LogSlices.MIN_BYTES_TO_SPLIT);
  }

  /** With the parallelism and the smallest file worth splitting set (tests). */
  LogFileDigester(LogFormat format, String prefix, int maxShapes, ProgressListener progress, int cores,
      long minBytesToSplit) {
    this(format, prefix, maxShapes, progress, cores, minBytesToSplit, null, TimeWindow.ALL);
  }

  private LogFileDigester(LogFormat format, String prefix, int maxShapes, ProgressListener progress, int cores,
      long minBytesToSplit, LoggedPlans plans, TimeWindow window) {
    this.plans = plans;
    this.window = window;
    this.format = format;
    this.prefix = prefix;
    this.maxShapes = maxShapes;
    this.progress = progress;
    this.cores = cores;
    this.minBytesToSplit = minBytesToSplit;
  }

  /** This digester, also handing the auto_explain plans of PostgreSQL logs to {@code plans}. */
  public LogFileDigester withPlans(LoggedPlans plans) {
    return new LogFileDigester(format, prefix, maxShapes, progress, cores, minBytesToSplit, plans, window);
  }

  /**
   * This digester, digesting only the statements inside {@code window}; the others are counted in the parse
   * summary ({@link ParseSummary#outsideWindow()}).
   */
  public LogFileDigester within(TimeWindow window) {
    return new LogFileDigester(format, prefix, maxShapes, progress, cores, minBytesToSplit, plans, window);
  }

  /**
   * Digests {@code files}. Empty files (log rotation leaves them) are skipped and named in the parse summary;
   * a damaged gzip file is read up to the damage, named there too.
   */
  public WorkloadDigest digest(List<Path> files) throws IOException {
    List<String> emptyNotes = new ArrayList<>();
    List<Path> nonEmpty = new ArrayList<>();
    List<LogFormat> detected = new ArrayList<>();
    for (Path file : files) {
      byte[] head = new byte[HEAD_BYTES];
      int length = head(file, head);
      if (length == 0) {
        emptyNotes.add(file + ": empty, skipped");
        continue;
      }
      String problem = InputFile.textProblem(head, length);
      if (problem != null) {
        throw new IOException("cannot read " + file + ": it is " + problem);
      }
      nonEmpty.add(file);
      detected.add(format != null ? format : LogFormat.detect(head, length));
    }
    if (nonEmpty.isEmpty()) {
      ParseSummary parse = ParseSummary.EMPTY;
      for (String note : emptyNotes) {
        parse = parse.withFile(note);
      }
      return new DigestBuilder(SqlDialect.POSTGRESQL, maxShapes).build(source(files), parse);
    }
    WorkloadDigest digest = digest(nonEmpty, detected.toArray(new LogFormat[0]));
    if (emptyNotes.isEmpty()) {
      return digest;
    }
    ParseSummary parse = digest.parse();
    for (String note : emptyNotes) {
      parse = parse.withFile(note);
    }
    return new WorkloadDigest(digest.source(), digest.statements(), digest.totalMillis(), digest.firstSeen(),
        digest.lastSeen(), digest.shapes(), digest.other(), digest.otherShapes(), digest.series(), parse);
  }

  private static String source(List<Path> files) {
    return files.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  private WorkloadDigest digest(List<Path> files, LogFormat[] formats) throws IOException {
    if (java.util.Arrays.asList(formats).contains(LogFormat.PGSS_CSV)) {
      return statementsExports(files, formats);
    }
    boolean mysql = formats[0] == LogFormat.MYSQL_SLOW;
    for (int i = 1; i < formats.length; i++) {
      if ((formats[i] == LogFormat.MYSQL_SLOW) != mysql) {
        throw new IOException("cannot digest PostgreSQL and MySQL logs together: " + files.get(0) + " is "
            + formats[0].id() + ", " + files.get(i) + " is " + formats[i].id());
      }
    }
    SqlDialect dialect = mysql ? SqlDialect.MYSQL : SqlDialect.POSTGRESQL;
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      check(file);
      long size = Files.size(file);
      Supplier<LogReader> readers = readers(file, formats[i]);
      List<Long> starts = LogSlices.starts(file, formats[i], size, files.size() == 1 ? cores : 1, minBytesToSplit);
      for (int s = 0; s < starts.size(); s++) {
        long end = s + 1 < starts.size() ? starts.get(s + 1) : size;
        Supplier<LogReader> sliceReaders = readers;
        if (formats[i] == LogFormat.MYSQL_SLOW && s > 0) {
          List<byte[]> context = LogSlices.contextBefore(file, starts.get(s));
          sliceReaders = () -> MySqlSlowLogReader.continuing(context);
        }
        slices.add(new Slice(file, formats[i], starts.get(s), end, s == 0, starts.size() == 1, sliceReaders));
      }
    }
    // One slice per thread: whole files (rotated logs), or parts of one big file, merged in order afterwards.
    int threads = Math.min(slices.size(), cores);
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "querydoctor-digest");
      thread.setDaemon(true);
      return thread;
    });
    try {
      DigestBuilder all = null;
      ParseSummary parse = ParseSummary.EMPTY;
      long lineOffset = 0;
      // At most `threads` slices in flight: each holds a bounded builder until it is merged.
      for (int batch = 0; batch < slices.size(); batch += threads) {
        List<Future<FileDigest>> parts = new ArrayList<>();
        for (int i = batch; i < Math.min(slices.size(), batch + threads); i++) {
          Slice slice = slices.get(i);
          parts.add(pool.submit(() -> {
            if (slice.first) {
              progress.step("reading " + slice.file + " (" + slice.format.id() + ")");
            }
            DigestBuilder builder = new DigestBuilder(dialect, maxShapes);
            return new FileDigest(builder, read(slice, builder));
          }));
        }
        for (int i = 0; i < parts.size(); i++) {
          FileDigest done = result(parts.get(i));
          // Line numbers are per file: a later slice's count on from the lines of the slices before it.
          lineOffset = slices.get(batch + i).first ? 0 : lineOffset;
          parse = parse.plus(done.parse.shifted(lineOffset));
          lineOffset += done.parse.linesRead();
          if (all == null) {
            all = done.builder;
          } else {
            all.absorb(done.builder);
          }
        }
      }
      String source = files.stream().map(Path::toString).collect(Collectors.joining(", "));
      return all.build(source, parse);
    } finally {
      pool.shutdownNow();
    }
  }

  /** pg_stat_statements CSV exports: totals per statement, no calls to stream, no time window. */
  private WorkloadDigest statementsExports(List<Path> files, LogFormat[] formats) throws IOException {
    PgStatStatementsSnapshot all = null;
    ParseProblems problems = new ParseProblems();
    for (int i = 0; i < files.size(); i++) {
      if (formats[i] != LogFormat.PGSS_CSV) {
        throw new IOException("cannot digest a pg_stat_statements export with logs: " + files.get(i) + " is "
            + formats[i].id());
      }
      check(files.get(i));
      progress.step("reading " + files.get(i) + " (" + LogFormat.PGSS_CSV.id() + ")");
      PgStatStatementsSnapshot one = PgStatStatementsCsv.read(files.get(i), problems);
      all = all == null ? one : all.plus(one);
    }
    String source = "pg_stat_statements export " + files.stream().map(Path::toString).collect(Collectors.joining(", "));
    return all.toDigest(source, problems.summary());
  }

  /** A whole file, or one part of a big one. */
  private record Slice(Path file, LogFormat format, long from, long to, boolean first, boolean whole,
      Supplier<LogReader> readers) {}

  private static FileDigest result(Future<FileDigest> part) throws IOException {
    try {
      return part.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** One file's digest before merging. */
  private record FileDigest(DigestBuilder builder, ParseSummary parse) {}

  private ParseSummary read(Slice slice, DigestBuilder builder) throws IOException {
    ParseProblems problems = new ParseProblems();
    InputStream raw = slice.whole ? counted(slice.file) : LogSlices.open(slice.file, slice.from, slice.to);
    long[] outside = {0};
    GzipDamage damage = new GzipDamage();
    try (LineReader lines = new LineReader(LogInput.decompressed(raw, damage), problems)) {
      Stream<LogStatement> statements = slice.readers.get().read(lines);
      if (window.isAll()) {
        statements.forEach(builder::add);
      } else {
        statements.forEach(statement -> {
          if (window.contains(statement.timestamp())) {
            builder.add(statement);
          } else {
            outside[0]++;
          }
        });
      }
    } catch (UncheckedIOException e) {
      throw new IOException(InputFile.describe(slice.file, e.getCause()), e.getCause());
    }
    ParseSummary summary = problems.summary().outside(outside[0]);
    if (damage.found()) {
      // What followed the damage cannot be counted (a truncated file never had it); what was read can.
      summary = summary.withFile(slice.file + ": " + damage.what() + " after " + damage.bytesBefore()
          + " bytes of log: read up to there (" + summary.linesRead() + " lines), the rest of the file is lost");
    }
    return summary;
  }

  /** A new reader per slice: readers keep per-input state (the prefix's scratch space, the time zone cache). */
  private Supplier<LogReader> readers(Path file, LogFormat logFormat) throws IOException {
    return switch (logFormat) {
      case PG_CSV -> () -> new PgCsvLogReader(plans);
      case PG_JSON -> () -> new PgJsonLogReader(plans);
      case MYSQL_SLOW -> MySqlSlowLogReader::new;
      case PGSS_CSV -> throw new IllegalStateException("pg_stat_statements exports are not read as logs");
      case PG_STDERR -> {
        String template = (prefix != null ? compile(prefix) : detectPrefix(file)).template();
        yield () -> new PgStderrLogReader(LogLinePrefix.compile(template), plans);
      }
    };
  }

  private static LogLinePrefix compile(String template) throws IOException {
    try {
      return LogLinePrefix.compile(template);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static LogLinePrefix detectPrefix(Path file) throws IOException {
    byte[] head = new byte[HEAD_BYTES];
    int length = head(file, head);
    LogLinePrefix detected = PgStderrLogReader.detectPrefix(head, length);
    if (detected == null) {
      throw new IOException("cannot recognise the log_line_prefix of " + file
          + "; pass it with --prefix (SHOW log_line_prefix on the server)");
    }
    return detected;
  }

  /** The first bytes of {@code file}, decompressed, up to damage in a gzip file. */
  private static int head(Path file, byte[] into) throws IOException {
    check(file);
    try (InputStream in = LogInput.open(file, new GzipDamage())) {
      return in.readNBytes(into, 0, into.length);
    }
  }

  /** The raw file, telling {@link #progress} how many megabytes have been read (of a compressed file too). */
  private InputStream counted(Path file) throws IOException {
    check(file);
    long totalMegabytes = Math.max(1, Files.size(file) >> 20);
    String task = "MB of " + file.getFileName();
    return new java.io.FilterInputStream(Files.newInputStream(file)) {
      private long bytes;
      private long reportedMegabytes;

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
          bytes += read;
          long megabytes = bytes >> 20;
          if (megabytes >= reportedMegabytes + 8) {
            reportedMegabytes = megabytes;
            progress.progress(task, megabytes, totalMegabytes);
          }
        }
        return read;
      }
    };
  }

  /** Missing, behind a directory we may not enter, a directory, or a device: said in words (InputFile). */
  private static void check(Path file) throws IOException {
    InputFile.checkReadable(file);
    if (!Files.isRegularFile(file)) {
      throw new IOException("cannot read " + file + ": not a regular file (logs are read twice: name the file)");
    }
  }
}
