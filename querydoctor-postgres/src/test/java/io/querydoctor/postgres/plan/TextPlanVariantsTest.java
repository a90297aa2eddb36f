package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalyzer;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression (issue 21): text plans that went through an editor, a web page or a log were read into a wrong tree
 * with exit 0 ("the plan looks fine" while the real plan had a finding): indentation in tabs, non-breaking
 * spaces, a UTF-8 byte-order mark, or no indentation at all. Each variant is derived from a recorded plan and must
 * read into the tree and findings of the JSON recorded with it, or, when the tree cannot be recovered (every
 * line flush left), be refused with the line number.
 */
class TextPlanVariantsTest {

  static List<String> pairs() {
    return TextPlanRulesFixtureTest.pairs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void recoverableVariantsReadIntoTheJsonTree(String name) throws IOException {
    String text = PgTextPlanReaderTest.fixture("pg-text/" + name + ".txt");
    Plan json = new PgPlanReader().read(PgTextPlanReaderTest.fixture("pg-text/" + name + ".json"));
    boolean withRows = !name.startsWith("parallel");

    for (var variant : List.<Variant>of(
        new Variant("byte-order mark", t -> "\uFEFF" + t),
        new Variant("leading non-breaking spaces", t -> eachLine(t, l -> leading(l).replace(' ', '\u00A0')
            + l.substring(leading(l).length()))),
        new Variant("every space non-breaking", t -> t.replace(' ', '\u00A0')),
        new Variant("tabs every 8 columns", t -> eachLine(t, l -> tabified(l, 8))),
        new Variant("tabs every 4 columns", t -> eachLine(t, l -> tabified(l, 4))),
        new Variant("a tab before every line (copied from a log)", t -> eachLine(t, l -> "\t" + l)),
        new Variant("CRLF, mark and tabs", t -> "\uFEFF" + eachLine(t, l -> tabified(l, 8)).replace("\n", "\r\n")))) {
      Plan read = new PgTextPlanReader().read(variant.apply(text));

      assertThat(PlanShape.of(read, withRows)).as(variant.name).isEqualTo(PlanShape.of(json, withRows));
      assertThat(findings(read)).as(variant.name).isEqualTo(findings(json));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void flushLeftPlansAreRefusedWithTheLineNumber(String name) throws IOException {
    String flat = eachLine(PgTextPlanReaderTest.fixture("pg-text/" + name + ".txt"), String::strip);

    assertThatThrownBy(() -> new PgTextPlanReader().read(flat)).isInstanceOf(PlanFormatException.class)
        .hasMessageMatching("line \\d+: .*indentation.*").message().doesNotContain("\n");
  }

  private record Variant(String name, UnaryOperator<String> change) {
    String apply(String text) {
      return change.apply(text);
    }
  }

  private static String eachLine(String text, UnaryOperator<String> change) {
    return text.lines().map(change).collect(Collectors.joining("\n", "", "\n"));
  }

  private static String leading(String line) {
    return line.substring(0, line.length() - line.stripLeading().length());
  }

  /** What an editor's "tabify" does: leading spaces up to each tab stop become a tab. */
  private static String tabified(String line, int width) {
    int spaces = leading(line).length();
    return "\t".repeat(spaces / width) + " ".repeat(spaces % width) + line.substring(spaces);
  }

  private static List<String> findings(Plan plan) {
    return PlanAnalyzer.withDefaults().analyze(plan, "q1", 60).reportFindings().stream()
        .map(f -> f.ruleId() + " " + f.subject()).sorted().toList();
  }
}
