package io.querydoctor.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every library module of the build is in the BOM and has its coordinates in the README. */
class ModuleCoordinatesTest {

  private static final Path ROOT = Path.of("..");

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static List<String> libraryModules() throws IOException {
    List<String> modules = all(Pattern.compile("<module>([^<]+)</module>"), Files.readString(ROOT.resolve("pom.xml")));
    // The benchmarks, the BOM itself and the ORM integration tests are not libraries an application links.
    modules.removeAll(List.of("querydoctor-bench", "querydoctor-bom", "querydoctor-orm-it"));
    return modules;
  }

  @Test
  void theBomManagesEveryLibraryModuleAtTheBuildsVersion() throws IOException {
    String bom = Files.readString(ROOT.resolve("querydoctor-bom/pom.xml"));
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    String version = all(Pattern.compile("<version>([^<]+)</version>"), parent).get(0);
    assertThat(all(Pattern.compile("<version>([^<$]+)</version>"), bom)).contains(version);
    assertThat(all(Pattern.compile("<artifactId>(querydoctor-[a-z-]+)</artifactId>"), bom))
        .containsAll(libraryModules());
    assertThat(libraryModules()).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void theReadmeGivesEveryModulesCoordinatesAndTheInstallCommand() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertThat(readme).contains("mvn -q install -DskipTests").contains("io.querydoctor:querydoctor-bom:");
    for (String module : libraryModules()) {
      assertThat(readme).as(module).contains("io.querydoctor:" + module);
    }
  }
}
