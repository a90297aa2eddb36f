package io.querydoctor.orm;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the test application's findings must point: the line of a {@code // site:NAME} marker in the
 * application's sources, read from the source tree (the tests run from the module's folder).
 */
final class Sites {

  private static final Path SOURCES = Path.of("src/test/java/io/querydoctor/orm/library");

  private Sites() {}

  record Site(String className, int line) {}

  static Site of(String name) {
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).endsWith("// site:" + name)) {
            String simple = file.getFileName().toString().replace(".java", "");
            return new Site("io.querydoctor.orm.library." + simple, i + 1);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no marker site:" + name);
  }

  /** The finding's structured call site is the marked line of the application's own code. */
  static void assertAt(Finding finding, String name) {
    Site site = of(name);
    assertThat(finding.callSite()).as("call site of %s", finding.title()).isNotNull();
    assertThat(finding.callSite().className()).startsWith(site.className());
    assertThat(finding.callSite().line()).as("line of %s", finding.callSite()).isEqualTo(site.line());
    assertThat(finding.title()).contains(":" + site.line() + ")");
  }

  /** What {@code --fail-on medium} would say: nothing at medium or above. */
  static void assertGatePasses(List<Finding> findings) {
    assertThat(findings).as("findings at medium or above").noneMatch(f -> f.severity().atLeast(Severity.MEDIUM));
  }

  static List<Finding> of(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
  }
}
