package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The official {@code promtool check metrics} on an exposition text; a test that needs it skips without it. */
final class Promtool {

  private Promtool() {
  }

  /** Fails on a parse error (rc 1) or a lint finding (rc 3); skips the rest of the test when promtool is absent. */
  static void check(String exposition) throws Exception {
    String promtool = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (new File(dir, "promtool").canExecute()) {
        promtool = new File(dir, "promtool").getPath();
        break;
      }
    }
    assumeTrue(promtool != null, "promtool not installed (Debian package prometheus); .ci/run installs it");
    Path file = Files.createTempFile("querydoctor-metrics-", ".txt");
    try {
      Files.writeString(file, exposition);
      Process process = new ProcessBuilder(promtool, "check", "metrics").redirectInput(file.toFile())
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as("promtool check metrics said: %s", output).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
