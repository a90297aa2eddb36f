package io.querydoctor.core.report;

import java.util.Locale;

/** The output formats every reporting command accepts with {@code --format}. */
public enum ReportFormat {
  TEXT,
  JSON,
  MARKDOWN,
  HTML;

  /** The renderer for this format. */
  public ReportRenderer renderer(RenderOptions options) {
    return switch (this) {
      case TEXT -> new TextReportRenderer(options);
      case JSON -> new JsonReportRenderer();
      case MARKDOWN -> new MarkdownReportRenderer();
      case HTML -> new HtmlReportRenderer();
    };
  }

  /** Parses {@code text}, {@code JSON}, {@code md}, … ; throws with the allowed values. */
  public static ReportFormat parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    if (name.equals("MD")) {
      return MARKDOWN;
    }
    for (ReportFormat format : values()) {
      if (format.name().equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + text + "' (expected text, json, markdown or html)");
  }
}
