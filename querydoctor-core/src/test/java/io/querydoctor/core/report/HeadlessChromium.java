package io.querydoctor.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's {@code chromium}, run headless on a local file with a fresh profile and no network activity. */
final class HeadlessChromium {

  private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** The installed browser, if any ({@code CHROMIUM} overrides the path). */
  static Optional<HeadlessChromium> find() {
    List<String> paths = new ArrayList<>();
    String override = System.getenv("CHROMIUM");
    if (override != null && !override.isBlank()) {
      paths.add(override);
    }
    paths.addAll(CANDIDATES);
    return paths.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
  }

  /** The DOM after the page's load handlers ran. */
  String dumpDom(Path page, Path work) throws IOException, InterruptedException {
    return run(page, work, List.of("--dump-dom"));
  }

  /** A PNG of the page at {@code width}×{@code height}. */
  void screenshot(Path page, Path png, Path work, int width, int height) throws IOException, InterruptedException {
    run(page, work, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars"));
  }

  private String run(Path page, Path work, List<String> action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(action);
    command.add(page.toAbsolutePath().toUri().toString());
    Path stdout = work.resolve("chromium-out-" + System.nanoTime() + ".txt");
    Path stderr = work.resolve("chromium-err-" + System.nanoTime() + ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IOException("chromium exited with " + process.exitValue() + ": "
          + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
