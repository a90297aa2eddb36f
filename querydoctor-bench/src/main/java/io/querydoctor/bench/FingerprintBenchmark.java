package io.querydoctor.bench;

import io.querydoctor.core.sql.FingerprintCache;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fingerprinting throughput on one core: {@code unseen} scans every statement (the cost for SQL the cache has
 * not seen), {@code cached} looks it up in the bounded cache. The {@code bytes} counter is SQL text processed
 * per second (ASCII corpus: one byte per char).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FingerprintBenchmark {

  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private final FingerprintCache cache = new FingerprintCache(fingerprinter, 10_000);
  private String[] corpus;
  private int next;

  /** Characters of SQL processed, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup
  public void corpus() {
    corpus = SqlCorpus.statements(new Random(42), 512);
  }

  @Benchmark
  public void unseen(Bytes counter, Blackhole sink) {
    String sql = corpus[next++ & 511];
    counter.bytes += sql.length();
    sink.consume(fingerprinter.fingerprint(sql));
  }

  @Benchmark
  public void cached(Bytes counter, Blackhole sink) {
    String sql = corpus[next++ & 511];
    counter.bytes += sql.length();
    sink.consume(cache.get(sql));
  }
}
