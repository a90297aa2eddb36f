package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.Report;
import io.querydoctor.demo.mariadb.MariaDbPlantedProblem;
import io.querydoctor.mysql.embedded.EmbeddedMariaDb;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MariaDB demo on the JVM's shared embedded MariaDB: the healthy control first (server-wide counters are
 * still clean), then the planted run, which must report every problem docs/demo.md lists for MariaDB.
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbDemoIT {

  @Test
  @Order(1)
  void theHealthyControlHasNothingAtMediumOrAbove(EmbeddedMariaDb server) throws Exception {
    Report report = run(server, "healthy", false);
    assertThat(report.findings()).as("findings at medium or above on the healthy control")
        .filteredOn(f -> f.severity().atLeast(Severity.MEDIUM)).isEmpty();
    assertThat(report.workload()).isNotNull();
  }

  @Test
  @Order(2)
  void everyDocumentedPlantedProblemIsFound(EmbeddedMariaDb server) throws Exception {
    Report report = run(server, "planted", true);
    Set<String> found = new LinkedHashSet<>();
    report.findings().forEach(f -> collect(f, found));
    for (MariaDbPlantedProblem problem : MariaDbPlantedProblem.values()) {
      assertThat(found).as(problem + ": " + problem.description()).contains(problem.ruleIds().get(0));
    }
    assertThat(found).contains("lock-contention");
    // The N+1's batched form is MariaDB's IN list, not PostgreSQL's array parameter.
    List<Finding> all = new ArrayList<>();
    report.findings().forEach(f -> flatten(f, all));
    assertThat(all).filteredOn(f -> f.ruleId().equals("n-plus-one")).isNotEmpty().allSatisfy(f ->
        assertThat(f.fix().sql()).contains(" IN (…)").doesNotContain("ANY ("));
    // docs/demo.md's MariaDB table names the same rule ids.
    for (List<String> documented : documentedRuleIds()) {
      assertThat(found).as("documented " + documented).containsAnyElementsOf(documented);
    }
  }

  private static Report run(EmbeddedMariaDb server, String name, boolean planted) throws Exception {
    ConsoleProgress quiet = new ConsoleProgress(new PrintWriter(new StringWriter()), false);
    return new MariaDbDemoRun(server, quiet, "demo (" + name + ")").run(server.createUniqueDatabase(name), planted);
  }

  private static void flatten(Finding finding, List<Finding> all) {
    all.add(finding);
    finding.supporting().forEach(s -> flatten(s, all));
  }

  private static void collect(Finding finding, Set<String> ids) {
    ids.add(finding.ruleId());
    finding.supporting().forEach(s -> collect(s, ids));
  }

  /** The rule ids of each row of docs/demo.md's MariaDB table. */
  private static List<List<String>> documentedRuleIds() throws Exception {
    String doc = Files.readString(Path.of("../docs/demo.md"));
    String section = doc.substring(doc.indexOf("## The demo on MariaDB"));
    List<List<String>> rows = new ArrayList<>();
    Pattern id = Pattern.compile("`([a-z]+(?:-[a-z]+)+)`");
    for (String line : section.split("\n")) {
      if (line.startsWith("| ") && !line.startsWith("| problem") && !line.startsWith("|---")) {
        String ids = line.substring(line.lastIndexOf('|', line.length() - 2));
        List<String> row = new ArrayList<>();
        Matcher m = id.matcher(ids);
        while (m.find()) {
          row.add(m.group(1));
        }
        rows.add(row);
      }
    }
    assertThat(rows).hasSize(MariaDbPlantedProblem.values().length);
    return rows;
  }
}
