package io.querydoctor.cli;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.JsonReportRenderer;
import io.querydoctor.core.report.JunitXmlReportRenderer;
import io.querydoctor.core.report.RenderOptions;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.ReportFormat;
import io.querydoctor.core.report.ReportRenderer;
import io.querydoctor.core.report.SarifReportRenderer;
import io.querydoctor.core.report.SourceRoots;
import io.querydoctor.core.report.Suppressions;
import io.querydoctor.core.sql.Credentials;
import io.querydoctor.core.sql.LiteralRedactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Where and how a report is written, and which findings fail the run; shared by every reporting command. */
final class OutputOptions {

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
      description = "Report format: text, json, markdown, html, sarif or junit (default: ${DEFAULT-VALUE}). "
          + "json follows docs/report.schema.json; sarif is SARIF 2.1.0 for code scanning (GitHub, GitLab); junit "
          + "is JUnit XML with one failed test case per finding at or above --fail-on.")
  ReportFormat format;

  @Option(names = "--source-root", paramLabel = "DIR",
      description = "With --format sarif: where to find the source file of a finding's call site, so the result "
          + "points at its file and line. Repeatable (default: src/main/java and src/test/java under the current "
          + "directory and under the modules below it).")
  List<Path> sourceRoots = new ArrayList<>();

  @Option(names = "--sarif-anchor", paramLabel = "FILE",
      description = "With --format sarif: a file of the repository (e.g. your schema migrations) to place findings "
          + "without a source location on; GitHub code scanning rejects results without a file.")
  String sarifAnchor;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = FailOnConverter.class,
      description = "Exit with code 1 when a finding is at least this severe: critical, high, medium, low, "
          + "info, or none to always exit 0 after a successful run.")
  FailOn failOn;

  @Option(names = "--fail-on-new", paramLabel = "SEVERITY", converter = FailOnConverter.class,
      description = "With --baseline: exit with code 1 only when a finding at least this severe is new since the "
          + "baseline (a latency regression counts as new), the CI habit of failing on what a change introduced; "
          + "--fail-on, when also given, still applies to every finding.")
  FailOn failOnNew;

  @Option(names = "--no-color",
      description = "No ANSI colours in text output (default: colours on a terminal, unless NO_COLOR is set or "
          + "TERM=dumb; never into a file or a pipe).")
  boolean noColor;

  @Option(names = {"-v", "--verbose"},
      description = "Show everything: every finding in full with why it matters, what else it concerns, the "
          + "findings merged into it and all its numbers; plan trees; stack traces on "
          + "errors. Without it the text report is compact: an overview, then the top findings with the evidence "
          + "that crossed a threshold and the fix.")
  boolean verbose;

  @Option(names = "--show-literals",
      description = "Show the literal values in SQL (statements, plan filters, examples). By default every "
          + "literal is replaced by ?, in every format; fix DDL the tool generated keeps its values.")
  boolean showLiterals;

  @Option(names = "--suppress", paramLabel = "RULE:SUBJECT",
      description = "Accept a known finding: it leaves the ranked list and cannot fail --fail-on; the report lists "
          + "it as suppressed. RULE:SUBJECT is the finding's key, e.g. unused-index:public.posts_title_idx; add "
          + "'  # reason' to give why. Repeatable.")
  List<String> suppress = new ArrayList<>();

  @Option(names = "--suppress-file", paramLabel = "FILE",
      description = "Suppressions, one a line: RULE:SUBJECT  # reason (blank lines and # comments skipped).")
  Path suppressFile;

  @Option(names = {"-q", "--quiet"}, description = "No progress messages on standard error.")
  boolean quiet;

  /** Fails before any long work if the report could not be written. */
  void checkWritable() {
    suppressions();
    for (Path root : sourceRoots) {
      if (!Files.isDirectory(root)) {
        throw new UserError("--source-root " + root + " is not a directory");
      }
    }
    if (output == null) {
      return;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (Files.isDirectory(output)) {
      throw new UserError("cannot write the report to " + output + ": it is a directory");
    }
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserError("cannot write the report to " + output + ": directory " + parent + " does not exist");
    }
    boolean existed = Files.exists(output);
    try (Writer probe = Files.newBufferedWriter(output, StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
      probe.flush();
    } catch (AccessDeniedException e) {
      throw new UserError("cannot write the report to " + output + ": permission denied", e);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot write the report to " + output + ": no such directory", e);
    } catch (IOException e) {
      throw new UserError("cannot write the report to " + output + ": " + e.getMessage(), e);
    }
    if (!existed) {
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // The real write below will report any problem.
      }
    }
  }

  /** Renders {@code report} to --output or {@code out}; returns the exit code the findings call for. */
  int write(Report diagnosed, PrintWriter out, FailOn defaultFailOn) {
    Report report = suppressions().apply(diagnosed);
    Report shown = showLiterals ? report.withoutCredentials() : report.redacted();
    FailOn threshold = failOn != null ? failOn : defaultFailOn;
    ReportRenderer renderer = renderer(threshold);
    try {
      if (output == null) {
        renderer.render(shown, out);
        out.flush();
      } else {
        try (Writer file = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
          renderer.render(shown, file);
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot write the report to " + output + ": " + e.getMessage(), e);
    }
    if (failOnNew != null) {
      if (report.comparison() == null) {
        throw new UserError("--fail-on-new compares with a baseline: give --baseline FILE (saved by --save-baseline)");
      }
      boolean failed = failOnNew.failedOnNew(report) || (failOn != null && failOn.failed(report));
      return failed ? ExitCode.FINDINGS : ExitCode.CLEAN;
    }
    return threshold.failed(report) ? ExitCode.FINDINGS : ExitCode.CLEAN;
  }

  /** The format's renderer; SARIF with the source roots, JUnit XML failing what fails the run. */
  private ReportRenderer renderer(FailOn threshold) {
    return switch (format) {
      case SARIF -> new SarifReportRenderer(sourceRoots.isEmpty() ? SourceRoots.conventional(Path.of(""))
          : SourceRoots.of(sourceRoots, Path.of("")), sarifAnchor);
      case JUNIT -> new JunitXmlReportRenderer(threshold.severity());
      default -> format.renderer(new RenderOptions(colourWanted(), verbose));
    };
  }

  /**
   * Text a command prints besides its report (e.g. explain's annotated tree), redacted like the report: literal
   * values out unless --show-literals, credentials out always.
   */
  String shown(String text) {
    String safe = Credentials.strip(text);
    return showLiterals ? safe : LiteralRedactor.prose(safe);
  }

  /**
   * Colours only for text on a terminal: not into a file or a pipe (no console), not with --no-color, NO_COLOR
   * (no-color.org) or TERM=dumb.
   */
  boolean colourWanted() {
    return output == null && !noColor && format == ReportFormat.TEXT && System.console() != null
        && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
  }

  /** --suppress and --suppress-file together; bad entries and unreadable files are user errors. */
  Suppressions suppressions() {
    Suppressions all;
    try {
      all = suppress.isEmpty() ? Suppressions.NONE : Suppressions.parse(suppress, "--suppress");
      if (suppressFile != null) {
        if (!Files.isReadable(suppressFile)) {
          throw new UserError("cannot read the suppression file " + suppressFile + ": it does not exist or is not "
              + "readable");
        }
        all = all.and(Suppressions.read(suppressFile));
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    } catch (IOException e) {
      throw new UserError("cannot read the suppression file " + suppressFile + ": " + e.getMessage(), e);
    }
    return all;
  }

  /** --fail-on: a severity, or none. */
  record FailOn(Severity severity) {
    static final FailOn NONE = new FailOn(null);

    boolean failed(Report report) {
      return severity != null && report.hasFindingsAtLeast(severity);
    }

    /** A new finding (or a latency regression) of the comparison at this severity or worse. */
    boolean failedOnNew(Report report) {
      var comparison = report.comparison();
      return severity != null && java.util.stream.Stream.concat(comparison.newFindings().stream(),
          comparison.regressions().stream()).anyMatch(f -> f.severity().atLeast(severity));
    }
  }

  static final class FailOnConverter implements ITypeConverter<FailOn> {
    @Override
    public FailOn convert(String value) {
      if (value.trim().toLowerCase(Locale.ROOT).equals("none")) {
        return FailOn.NONE;
      }
      return new FailOn(Severity.parse(value));
    }
  }

  static final class FormatConverter implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      return ReportFormat.parse(value);
    }
  }

  /**
   * For commands that read for a while before they report: starts loading the JSON machinery of the json and
   * html formats on a daemon thread now, so that it overlaps the reading (≈ 0.2 s of a digest's wall time).
   */
  void prepareRendererInBackground() {
    if (format == ReportFormat.JSON || format == ReportFormat.HTML || format == ReportFormat.SARIF) {
      Thread warmUp = new Thread(JsonReportRenderer::warmUp, "querydoctor-renderer-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
    }
  }
}
