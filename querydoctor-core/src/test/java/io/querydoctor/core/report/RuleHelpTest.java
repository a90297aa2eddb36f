package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The help shipped for SARIF's rules stays in step with docs/rules.md, both ways. */
class RuleHelpTest {

  static final Path RULES = Path.of("..", "docs", "rules.md");

  /** The ids in the first column of the tables of docs/rules.md (a cell may hold two: `a` / `b`). */
  static Set<String> documentedIds() throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    Pattern id = Pattern.compile("`([a-z0-9-]+)`");
    for (String line : Files.readAllLines(RULES)) {
      if (line.startsWith("| `")) {
        Matcher m = id.matcher(line.substring(1, line.indexOf('|', 1)));
        while (m.find()) {
          ids.add(m.group(1));
        }
      }
    }
    return ids;
  }

  @Test
  void everyDocumentedRuleHasHelpAndNoHelpIsForAnUndocumentedRule() throws IOException {
    Set<String> documented = documentedIds();
    List<String> withHelp = new ArrayList<>();
    RuleHelp.bundled().ids().forEach(withHelp::add);
    assertThat(documented).hasSizeGreaterThan(40).contains("n-plus-one", "table-bloat", "index-bloat");
    assertThat(withHelp).containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void helpSaysWhatFiresTheRuleAndTheFix() {
    assertThat(RuleHelp.bundled().markdown("n-plus-one")).get().asString()
        .contains("N or more times").contains("N = 5").contains("Fix: one query with `= ANY(?)`");
    assertThat(RuleHelp.bundled().text("n-plus-one")).get().asString().doesNotContain("`");
    assertThat(RuleHelp.bundled().markdown("no-such-rule")).isEmpty();
  }
}
