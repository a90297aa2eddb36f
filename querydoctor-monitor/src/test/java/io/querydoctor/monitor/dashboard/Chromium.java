package io.querydoctor.monitor.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless with a fresh profile, loading a dashboard URL: the DOM after the page's
 * scripts ran, the console messages it logged, and every URL it requested (from Chromium's network log), so a
 * test can check that nothing left the machine.
 */
final class Chromium {

  private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");

  /** What one page load produced. */
  record Load(String dom, List<String> console, List<String> requested) {}

  private final Path binary;
  private final Path work;

  private Chromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  static Optional<Chromium> find(Path work) {
    return java.util.stream.Stream.of(System.getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser")
        .filter(p -> p != null && !p.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst()
        .map(p -> new Chromium(p, work));
  }

  Load load(String url) throws IOException, InterruptedException {
    Path netLog = work.resolve("net-" + System.nanoTime() + ".json");
    Path err = work.resolve("err-" + System.nanoTime() + ".txt");
    String dom = run(url, List.of("--dump-dom", "--log-net-log=" + netLog.toAbsolutePath(),
        "--enable-logging=stderr", "--v=0"), err);
    List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("CONSOLE")).toList();
    List<String> requested = new ArrayList<>();
    if (Files.exists(netLog)) {
      Matcher m = URL.matcher(Files.readString(netLog, StandardCharsets.UTF_8));
      while (m.find()) {
        requested.add(m.group(1));
      }
    }
    return new Load(dom, console, requested);
  }

  void screenshot(String url, Path png) throws IOException, InterruptedException {
    run(url, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280,1000", "--hide-scrollbars"),
        work.resolve("shot-" + System.nanoTime() + ".txt"));
  }

  private String run(String url, List<String> action, Path stderr) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "profile");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage",
        "--disable-features=AutofillServerCommunication,NetworkTimeServiceQuerying", "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(action);
    command.add(url);
    Path stdout = work.resolve("out-" + System.nanoTime() + ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("chromium did not finish in 60 s");
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
