package io.querydoctor.junit;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.SarifReportRenderer;
import io.querydoctor.core.report.SourceRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes the findings of a test run (every finding of the capture session: the guarded tests' scopes and any
 * the application opened) as SARIF when the run ends, with call sites resolved under {@code src/main/java} and
 * {@code src/test/java}. Switched on by the system property or JUnit configuration parameter
 * {@value #PARAMETER}: {@code true} writes {@value #DEFAULT_FILE}, any other value is the file to write.
 */
final class SarifOfTestRun implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  static final String PARAMETER = "querydoctor.sarif";
  static final String DEFAULT_FILE = "target/querydoctor.sarif";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SarifOfTestRun.class);

  private final Path file;
  private final CaptureSession session;
  private final Instant started = Instant.now();

  private SarifOfTestRun(Path file, CaptureSession session) {
    this.file = file;
    this.session = session;
  }

  /** Registers the writer once per test run when switched on; does nothing otherwise. */
  static void registerIfWanted(ExtensionContext context, CaptureSession session) {
    Optional<Path> wanted = wantedFile(context);
    if (wanted.isPresent()) {
      context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SarifOfTestRun.class,
          key -> new SarifOfTestRun(wanted.get(), session), SarifOfTestRun.class);
    }
  }

  static Optional<Path> wantedFile(ExtensionContext context) {
    String value = context.getConfigurationParameter(PARAMETER).orElse(System.getProperty(PARAMETER));
    if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(value.equalsIgnoreCase("true") ? DEFAULT_FILE : value));
  }

  @Override
  public void close() {
    Instant now = Instant.now();
    String version = Optional.ofNullable(SarifOfTestRun.class.getPackage().getImplementationVersion()).orElse("dev");
    Report report = new Report(Report.SCHEMA_VERSION, "querydoctor " + version, now, "JUnit test run",
        Duration.between(started, now).toMillis(), session.findings(), List.of()).redacted();
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        new SarifReportRenderer(SourceRoots.conventional(Path.of("")), null).render(report, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("QueryDoctor could not write the SARIF of this test run to " + file, e);
    }
  }
}
