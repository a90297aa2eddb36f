package io.querydoctor.core.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser over real statements (the demo's, pg_stat_statements forms, PostgreSQL syntax): see the fixture. */
class QueryParserFixtureTest {

  record Case(String sql, List<String> expectations) {
    @Override
    public String toString() {
      return sql.length() > 80 ? sql.substring(0, 80) + "…" : sql;
    }
  }

  static Stream<Case> cases() throws IOException {
    String text;
    try (InputStream in = QueryParserFixtureTest.class.getResourceAsStream("/advisor/queries.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> cases = new ArrayList<>();
    for (String block : text.split("\\n\\s*\\n")) {
      List<String> sql = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (String line : block.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        (line.startsWith(">") ? expected : sql).add(line.startsWith(">") ? line.substring(1).strip() : line);
      }
      if (!sql.isEmpty()) {
        cases.add(new Case(String.join("\n", sql), expected));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void readsWhatTheFixtureSays(Case c) {
    ParsedQuery parsed = new QueryParser().parse(c.sql());
    if (c.expectations().equals(List.of("skip"))) {
      assertThat(parsed.isSkipped()).as("skipped").isTrue();
      assertThat(parsed.skipReason()).isNotBlank();
      return;
    }
    assertThat(parsed.skipReason()).as("skip reason").isNull();
    for (String expectation : c.expectations()) {
      if (expectation.startsWith("write ")) {
        assertThat(parsed.writtenTable()).isEqualTo(expectation.substring(6));
        continue;
      }
      String table = expectation.substring(0, expectation.indexOf(' '));
      TableAccess access = parsed.access(table).orElseThrow(() -> new AssertionError("no access to " + table
          + " in " + parsed.accesses()));
      for (String pair : expectation.substring(table.length() + 1).split(" (?=[a-z]+=)")) {
        String key = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(key.length() + 1);
        assertThat(actual(access, key)).as(key + " of " + access).isEqualTo(value);
      }
    }
  }

  private static String actual(TableAccess a, String key) {
    return switch (key) {
      case "eq" -> String.join(";", a.equality());
      case "in" -> String.join(";", a.in());
      case "range" -> String.join(";", a.range());
      case "join" -> String.join(";", a.join());
      case "group" -> String.join(";", a.groupBy());
      case "selected" -> String.join(";", a.selected());
      case "refs" -> String.join(";", a.referenced());
      case "order" -> a.orderBy().stream().map(k -> k.expression() + (k.descending() ? ":desc" : ""))
          .collect(Collectors.joining(";"));
      case "const" -> a.constantFilters().stream().map(ConstantFilter::predicate).collect(Collectors.joining(";"));
      case "expr" -> a.expressionFilters().stream().map(ExpressionFilter::expression).collect(Collectors.joining(";"));
      case "gin" -> String.join(";", a.containment());
      case "all" -> Boolean.toString(a.selectsAll());
      default -> throw new IllegalArgumentException("unknown key " + key + " in " + Arrays.asList(a));
    };
  }
}
