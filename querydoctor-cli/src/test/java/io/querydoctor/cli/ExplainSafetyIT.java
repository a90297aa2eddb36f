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
 * from {@code --file}, with and without {@code --no-analyze}; after each, the audit must be empty.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExplainSafetyIT {

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
      cases.add(Arguments.of(sql, false, false));
      cases.add(Arguments.of(sql, true, false));
      cases.add(Arguments.of(sql, false, true));
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void nothingInTheCorpusChangesTheDatabase(String sql, boolean noAnalyze, boolean fromFile) throws Exception {
    CliRun run = explain(sql, noAnalyze, fromFile);

    assertThat(audited.changes()).as("exit %d: %s%s", run.exitCode(), run.out(), run.err()).isEmpty();
  }

  static CliRun explain(String sql, boolean noAnalyze, boolean fromFile) throws Exception {
    List<String> args = new ArrayList<>(List.of("explain", "-q", "--url", database.jdbcUrl(), "--user", database.user()));
    if (noAnalyze) {
      args.add("--no-analyze");
    }
    if (fromFile) {
      Path file = Files.createTempFile(dir, "statement", ".sql");
      Files.writeString(file, sql, StandardCharsets.UTF_8);
      args.add("--file");
      args.add(file.toString());
    } else {
      args.add(sql);
    }
    return CliRun.of(args.toArray(String[]::new));
  }
}
