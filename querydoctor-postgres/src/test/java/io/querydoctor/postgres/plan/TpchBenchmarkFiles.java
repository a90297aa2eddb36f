package io.querydoctor.postgres.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The advisor benchmark's inputs as files in the repository ({@code src/test/resources/tpch-benchmark}), so any
 * other tool can be given the same: the no-index schema and the 19 TPC-H queries the index-selection literature
 * uses (trino's texts; q2, q17 and q20 left out).
 */
final class TpchBenchmarkFiles {

  /** The 19 query numbers. */
  static final List<Integer> QUERIES = List.of(1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 21, 22);

  private TpchBenchmarkFiles() {}

  /** The statements of schema.sql (tables without keys, the view of q15). */
  static List<String> schema() throws IOException {
    List<String> statements = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String line : resource("schema.sql").split("\n")) {
      if (!line.strip().startsWith("--")) {
        text.append(line).append('\n');
      }
    }
    for (String statement : text.toString().split(";")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }

  static String query(int number) throws IOException {
    return resource("q" + number + ".sql").strip();
  }

  static List<String> queries() throws IOException {
    List<String> texts = new ArrayList<>();
    for (int q : QUERIES) {
      texts.add(query(q));
    }
    return texts;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TpchBenchmarkFiles.class.getResourceAsStream("/tpch-benchmark/" + name)) {
      if (in == null) {
        throw new IOException("no benchmark file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
