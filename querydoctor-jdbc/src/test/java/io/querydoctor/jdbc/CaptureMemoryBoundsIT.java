package io.querydoctor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression test for issue 21 §2: 2 million distinct statements (a new text and a new fingerprint each) in one
 * unit of work ran the application out of memory under {@code -Xmx128m}, through the scope's per-fingerprint
 * counters. Runs {@link DistinctStatementsRun} over H2 in a JVM of its own with that heap, in an explicit scope
 * and in one transaction, and checks that it finishes, that the heap after a full collection is the same at 1
 * and 2 million statements, and that what capture kept plus what it counted as dropped is exactly what ran.
 */
class CaptureMemoryBoundsIT {

  private static final int STATEMENTS = 2_000_000;
  private static final long HEAP_GROWTH_ALLOWED = 4L << 20;

  @ParameterizedTest
  @ValueSource(strings = {"scope", "transaction"})
  void twoMillionDistinctStatementsInOneUnitOfWorkFitIn128Megabytes(String mode) throws Exception {
    Map<String, String> out = runForked(mode);

    assertThat(Long.parseLong(out.get("heapAtEnd")) - Long.parseLong(out.get("heapAtHalf")))
        .as("heap growth from 1 to 2 million statements, bytes").isLessThan(HEAP_GROWTH_ALLOWED);
    assertThat(out.get("scopeName")).isEqualTo(mode.equals("scope") ? "import job" : "transaction");
    int counted = Integer.parseInt(out.get("scopeStatements"));
    int kept = Integer.parseInt(out.get("scopeKept"));
    int dropped = Integer.parseInt(out.get("scopeDropped"));
    assertThat(counted).isEqualTo(STATEMENTS);
    assertThat(kept).isEqualTo(10_000);
    assertThat(kept + dropped).isEqualTo(STATEMENTS);
    int entries = Integer.parseInt(out.get("aggregateEntries"));
    assertThat(entries).isEqualTo(1_000);
    assertThat(Long.parseLong(out.get("aggregateOther"))).isEqualTo(STATEMENTS - entries);
    assertThat(Long.parseLong(out.get("aggregateCalls"))).isEqualTo(STATEMENTS);
    assertThat(out.get("finding.capture-truncated")).isEqualTo(String.format(
        "Analysis of %s was truncated at 10000 statements; 1990000 more were counted, not analysed",
        out.get("scopeName")));
  }

  private static Map<String, String> runForked(String mode) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = Files.createTempFile("distinct-statements-" + mode, ".out");
    Process process = new ProcessBuilder(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", classPath,
        DistinctStatementsRun.class.getName(), mode, String.valueOf(STATEMENTS))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(150, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly().waitFor();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    assertThat(done).as("finished in time").isTrue();
    assertThat(text).doesNotContain("OutOfMemoryError");
    assertThat(process.exitValue()).as(text).isZero();
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1).strip();
        if (key.equals("finding")) {
          int space = value.indexOf(' ');
          values.put("finding." + value.substring(0, space), value.substring(space + 1));
        } else {
          values.put(key, value);
        }
      }
    }
    return values;
  }
}
