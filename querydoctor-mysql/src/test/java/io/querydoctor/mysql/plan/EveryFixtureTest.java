package io.querydoctor.mysql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.plan.PlanNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded plan reads into a tree with its table accesses, and the rules run over it without failing. */
class EveryFixtureTest {

  static Stream<String> fixtures() throws IOException {
    Path root = Path.of("src", "test", "resources", "plans");
    return Stream.of("mariadb", "mysql").flatMap(dir -> {
      try {
        return Files.list(root.resolve(dir)).map(p -> dir + "/" + p.getFileName())
            .filter(p -> p.endsWith(".json") || p.endsWith(".txt")).filter(p -> !p.contains("adventureworks-group"))
            .sorted().toList().stream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readsAndAnalyzes(String path) {
    MysqlPlan plan = Fixtures.plan(path);
    assertThat(plan.accesses()).as("table accesses").isNotEmpty();
    for (PlanNode node : plan.accesses().keySet()) {
      assertThat(plan.plan().nodes()).contains(node);
      assertThat(node.relation()).isNotBlank();
    }
    assertThat(plan.plan().isAnalyzed()).isEqualTo(path.contains(".analyze.") || path.endsWith(".tree.txt")
        && !path.contains("grace"));
    assertThat(Fixtures.analyze(path).findings()).allSatisfy(f -> assertThat(f.finding().fix()).isNotNull());
  }
}
