package io.querydoctor.bench;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.plan.PlanTreeRenderer;
import io.querydoctor.postgres.plan.PartitionedPlans;
import io.querydoctor.postgres.plan.PgPlanReader;
import io.querydoctor.postgres.plan.PgTextPlanReader;
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
 * Plan reading and analysis (BENCHMARKS.md §4: a 10 000-node EXPLAIN JSON well under a second). The plan is an
 * EXPLAIN (ANALYZE, BUFFERS) of an aggregate over a table with {@code nodes - 2} partitions, each a filtering
 * sequential scan that keeps 10 of 100 000 rows, so every scan also produces a finding: the worst case for the
 * rules and the renderer. {@code read} is JSON to plan model with self times; {@code readText} the same plan in
 * the text format (what auto_explain logs by default); {@code readAnalyze} adds the twelve plan rules;
 * {@code readAnalyzeRender} adds the annotated tree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlanAnalysisBenchmark {

  @Param({"10000"})
  public int nodes;

  private final PgPlanReader reader = new PgPlanReader();
  private final PlanAnalyzer analyzer = PlanAnalyzer.withDefaults();
  private final PgTextPlanReader textReader = new PgTextPlanReader();
  private String json;
  private String text;

  @Setup
  public void plan() {
    json = PartitionedPlans.json(nodes - 2);
    text = PartitionedPlans.text(nodes - 2);
  }

  @Benchmark
  public Plan read() {
    return reader.read(json);
  }

  @Benchmark
  public Plan readText() {
    return textReader.read(text);
  }

  @Benchmark
  public PlanAnalysis readAnalyze() {
    return analyzer.analyze(reader.read(json));
  }

  @Benchmark
  public String readAnalyzeRender() {
    return new PlanTreeRenderer().render(analyzer.analyze(reader.read(json)));
  }
}
