package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 21): plan files and statements {@code explain} could not use. {@code explain --plan} read
 * the whole file into memory (a 573 MB plan took 5.7 GB; {@code /dev/zero} ran the JVM out of memory, with a stack
 * trace and exit 1), said "Input length = 1" for UTF-16 or binary files, and rendered deep plans with quadratic
 * indentation; DDL got the server's raw syntax error. Each must be one line saying what is wrong, exit 2, or (deep
 * plans) output that grows linearly with the plan. No database: these inputs never need one.
 */
class ExplainInputTest {

  @TempDir
  Path tmp;

  @Test
  void devZeroIsRefusedInOneLine() {
    CliRun run = CliRun.of("explain", "--plan", "/dev/zero");

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.errorLine()).contains("/dev/zero").contains("not a text file");
  }

  @Test
  void anSqlFileThatGoesOnOrIsBinaryIsRefusedInOneLine() {
    CliRun zero = CliRun.of("explain", "--file", "/dev/zero", "--url", "jdbc:postgresql://127.0.0.1:1/x");
    assertThat(zero.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(zero.errorLine()).contains("/dev/zero").contains("not a text file");
  }

  @Test
  void aPlanFileLargerThanTheLimitIsRefused() throws IOException {
    Path plan = tmp.resolve("big.json");
    Files.writeString(plan, chain(12_000));
    assertThat(Files.size(plan)).isGreaterThan(1 << 20);

    CliRun run = CliRun.of("explain", "--plan", plan.toString(), "--max-plan-size", "1MB", "-q");

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.errorLine()).contains("larger than the limit of 1 MB").contains("--max-plan-size");
  }

  @Test
  void utf16AndBinaryPlansSayWhatTheyAre() throws IOException {
    String text = chain(3);
    Path utf16 = Files.write(tmp.resolve("utf16.json"), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
    Path utf16NoMark = Files.write(tmp.resolve("utf16-no-mark.json"), text.getBytes(StandardCharsets.UTF_16LE));
    Path binary = Files.write(tmp.resolve("plan.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    Path latin1 = Files.write(tmp.resolve("latin1.txt"),
        "Seq Scan on caf\u00e9  (cost=0.00..1.00 rows=1 width=4)\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(CliRun.of("explain", "--plan", utf16.toString()).errorLine()).contains("UTF-16");
    assertThat(CliRun.of("explain", "--plan", utf16NoMark.toString()).errorLine()).contains("UTF-16");
    assertThat(CliRun.of("explain", "--plan", binary.toString()).errorLine()).contains("not a text file");
    CliRun notUtf8 = CliRun.of("explain", "--plan", latin1.toString());
    assertThat(notUtf8.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(notUtf8.errorLine()).contains("not UTF-8").doesNotContain("Input length");
  }

  @Test
  void aDeepPlanRendersInLinearSize() throws IOException {
    Path plan = Files.writeString(tmp.resolve("deep.json"), chain(10_000));

    CliRun run = CliRun.of("explain", "--plan", plan.toString(), "-q", "--no-color");

    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    assertThat(run.out()).contains("#10000 (depth 9999) Seq Scan on t");
    assertThat(run.out().length()).isLessThan(10_000 * 300);
  }

  @Test
  void aPlanNestedBeyondTheDepthLimitIsOneLine() throws IOException {
    Path plan = Files.writeString(tmp.resolve("too-deep.json"), chain(60_000));

    CliRun run = CliRun.of("explain", "--plan", plan.toString(), "-q");

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.errorLine()).contains("nests deeper than");
  }

  @Test
  void aFlushLeftTextPlanIsRefusedWithTheLineNumber() throws IOException {
    Path plan = Files.writeString(tmp.resolve("flat.txt"), """
        Nested Loop  (cost=0.00..3833.62 rows=5000 width=22) (actual time=0.020..42.111 rows=5000 loops=1)
        Join Filter: (c.region_code = r.code)
        ->  Seq Scan on customers c  (cost=0.00..82.00 rows=5000 width=16) (actual time=0.010..0.340 rows=5000 loops=1)
        ->  Seq Scan on regions r  (cost=0.00..1.50 rows=50 width=12) (actual time=0.005..0.009 rows=50 loops=1)
        Execution Time: 42.298 ms
        """);

    CliRun run = CliRun.of("explain", "--plan", plan.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("line 2:").contains("indentation");
  }

  @Test
  void ddlIsRefusedInWordsBeforeConnecting() {
    for (String ddl : new String[] {"CREATE TABLE t (a int)", "drop table t", "/* c */ ALTER TABLE t ADD b int",
        "\n-- why\nTRUNCATE t", "VACUUM t", "GRANT SELECT ON t TO r"}) {
      CliRun run = CliRun.of("explain", "--no-analyze", "--url", "jdbc:postgresql://127.0.0.1:1/none", ddl);

      assertThat(run.exitCode()).as(ddl).isEqualTo(ExitCode.ERROR);
      assertThat(run.errorLine()).as(ddl).contains("has no plan")
          .contains("SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, TABLE");
    }
  }

  @Test
  void statementsWithAPlanGetPastTheCheck() {
    for (String sql : new String[] {"SELECT 1", "(SELECT 1)", "with x as (select 1) select * from x", "VALUES (1)",
        "TABLE t", "EXECUTE q(1)", "/* hint */ select 1", "CREATE TABLE t2 AS SELECT 1", "INSERT INTO t VALUES (1)"}) {
      CliRun run = CliRun.of("explain", "--no-analyze", "--url", "jdbc:postgresql://127.0.0.1:1/none", sql);

      assertThat(run.errorLine()).as(sql).doesNotContain("has no plan");
    }
  }

  /** A plan of {@code depth} nodes, each the only child of the one above: a Limit chain over a scan. */
  static String chain(int depth) {
    StringBuilder json = new StringBuilder("[{\"Plan\": ");
    for (int i = 1; i < depth; i++) {
      json.append("{\"Node Type\": \"Limit\", \"Parent Relationship\": \"Outer\", \"Startup Cost\": 0.0, ")
          .append("\"Total Cost\": 1.0, \"Plan Rows\": 1, \"Plan Width\": 4, \"Plans\": [");
    }
    json.append("{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"t\", \"Alias\": \"t\", \"Startup Cost\": 0.0, ")
        .append("\"Total Cost\": 1.0, \"Plan Rows\": 1, \"Plan Width\": 4}");
    json.append("]}".repeat(depth - 1));
    return json.append(", \"Planning Time\": 0.1}]").toString();
  }

}
