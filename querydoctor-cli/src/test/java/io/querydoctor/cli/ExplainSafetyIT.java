package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression for issue 21 §1: text that a lexer misreads must never let {@code explain} change the database. Every
 * case runs through the command in-process as a superuser (so privileges cannot be what saves it), inline and
 * from {@code --file}, with and without {@code --no-analyze} and {@code --analyze-writes}; after each, the audit
 * (row, truncate and DDL triggers, and what they cannot see) must be empty. On main before the fix, an
 * {@code e'\''} string and an {@code a$b$} identifier let TRUNCATE and DROP TABLE through.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExplainSafetyIT {

  /** Fixed so that a failure is reproducible; a few hundred cases keep the run under half a minute. */
  private static final long SEED = 21;
  private static final int GENERATED = 300;

  private static AuditedDatabase audited;
  private static TestDatabase database;

  @TempDir
  static Path dir;

  @BeforeAll
  static void setUp(TestDatabase db) throws Exception {
    database = db;
    audited = AuditedDatabase.create(db);
  }

  static Stream<Arguments> corpus() {
    List<Arguments> cases = new ArrayList<>();
    for (String sql : SafetyCorpus.fixed()) {
      cases.add(Arguments.of(new SafetyCases.Case(sql, false, false, false)));
      cases.add(Arguments.of(new SafetyCases.Case(sql, true, false, false)));
      cases.add(Arguments.of(new SafetyCases.Case(sql, false, true, true)));
    }
    return cases.stream();
  }

  static Stream<Arguments> generated() {
    return SafetyCases.generate(SEED, GENERATED).stream().map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void nothingInTheCorpusChangesTheDatabase(SafetyCases.Case attack) throws Exception {
    assertUnchanged(attack);
  }

  @ParameterizedTest
  @MethodSource("generated")
  void nothingGeneratedChangesTheDatabase(SafetyCases.Case attack) throws Exception {
    assertUnchanged(attack);
  }

  private static void assertUnchanged(SafetyCases.Case attack) throws Exception {
    CliRun run = explain(attack);

    assertThat(audited.changes()).as("exit %d: %s%s", run.exitCode(), run.out(), run.err()).isEmpty();
    if (SafetyCorpus.statements(attack.sql()) > 1) {
      assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
      assertThat(run.errorLine()).containsAnyOf("several statements chained with ';'", "unterminated");
    }
  }

  static CliRun explain(SafetyCases.Case attack) throws Exception {
    List<String> args = new ArrayList<>(List.of("explain", "-q", "--url", database.jdbcUrl(), "--user", database.user()));
    if (attack.noAnalyze()) {
      args.add("--no-analyze");
    }
    if (attack.analyzeWrites()) {
      args.add("--analyze-writes");
    }
    if (attack.fromFile()) {
      Path file = Files.createTempFile(dir, "statement", ".sql");
      Files.writeString(file, attack.sql(), StandardCharsets.UTF_8);
      args.add("--file");
      args.add(file.toString());
    } else {
      args.add(attack.sql());
    }
    return CliRun.of(args.toArray(String[]::new));
  }
}
