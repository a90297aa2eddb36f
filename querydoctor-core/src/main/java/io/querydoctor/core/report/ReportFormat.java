package io.querydoctor.core.report;

import java.util.Locale;

/** The output formats every reporting command accepts with {@code --format}. */
public enum ReportFormat {
  TEXT,
  JSON,
  MARKDOWN,
  HTML,
  /** SARIF 2.1.0, for code scanning. */
  SARIF,
  /** JUnit XML, for CI systems that read test reports. */
  JUNIT;

  /**
   * The renderer for this format. SARIF looks call sites up under {@code src/main/java} and {@code src/test/java}
   * of the working directory; JUnit XML fails every finding. The CLI configures both from its options.
   */
  public ReportRenderer renderer(RenderOptions options) {
    return switch (this) {
      case TEXT -> new TextReportRenderer(options);
      case JSON -> new JsonReportRenderer();
      case MARKDOWN -> new MarkdownReportRenderer();
      case HTML -> new HtmlReportRenderer();
      case SARIF -> new SarifReportRenderer(SourceRoots.conventional(java.nio.file.Path.of("")), null);
      case JUNIT -> new JunitXmlReportRenderer(io.querydoctor.core.finding.Severity.INFO);
    };
  }

  /** Parses {@code text}, {@code JSON}, {@code md}, … ; throws with the allowed values. */
  public static ReportFormat parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    if (name.equals("MD")) {
      return MARKDOWN;
    }
    if (name.equals("JUNIT-XML")) {
      return JUNIT;
    }
    for (ReportFormat format : values()) {
      if (format.name().equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + text + "' (expected text, json, markdown, html, sarif or junit)");
  }
}
