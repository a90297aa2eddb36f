package io.querydoctor.core.report;

/**
 * Sentences of a report as HTML: escaped, with the SQL they quote in backticks (the convention of every text
 * format, see docs/report-format.md) set as {@code <code>} instead of showing the backticks.
 */
final class HtmlProse {

  private HtmlProse() {}

  static String of(String text) {
    StringBuilder html = new StringBuilder(text.length() + 32);
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('`', i);
      int close = open < 0 ? -1 : text.indexOf('`', open + 1);
      if (close < 0) {
        html.append(HtmlReportRenderer.escape(text.substring(i)));
        break;
      }
      html.append(HtmlReportRenderer.escape(text.substring(i, open))).append("<code>")
          .append(HtmlReportRenderer.escape(text.substring(open + 1, close))).append("</code>");
      i = close + 1;
    }
    return html.toString();
  }
}
