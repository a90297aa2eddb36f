package io.querydoctor.core.report;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Findings as a JUnit XML test report, for CI systems that show test reports (GitLab, Jenkins, Azure, …): one
 * test suite; one test case per finding, named by its key and classed by its rule, failed when the finding is
 * at least {@code failAt} severe (the run's {@code --fail-on}) and passed otherwise; one skipped test case per
 * check that could not run. A report without findings is one passed test case, so the suite is never empty.
 */
public final class JunitXmlReportRenderer implements ReportRenderer {

  private final Severity failAt;

  /** @param failAt the least severe finding that is a failure, or {@code null} for none */
  public JunitXmlReportRenderer(Severity failAt) {
    this.failAt = failAt;
  }

  @Override
  public void render(Report report, Writer out) throws IOException {
    long failures = report.findings().stream().filter(this::fails).count();
    int tests = Math.max(1, report.findings().size()) + report.skipped().size();
    String seconds = String.format(Locale.ROOT, "%.3f", report.durationMillis() / 1000.0);
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<testsuites name=\"querydoctor\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\""
        + " time=\"" + seconds + "\">\n");
    out.write("  <testsuite name=\"" + attr("querydoctor " + report.target()) + "\" tests=\"" + tests
        + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + report.skipped().size() + "\" time=\""
        + seconds + "\" timestamp=\"" + report.generatedAt() + "\">\n");
    for (Finding f : report.findings()) {
      out.write("    <testcase classname=\"querydoctor." + attr(f.ruleId()) + "\" name=\"" + attr(f.key())
          + "\" time=\"0\">\n");
      String body = SarifReportRenderer.message(f) + "\n" + f.detail();
      if (fails(f)) {
        out.write("      <failure type=\"" + f.severity().label() + "\" message=\"" + attr(f.title()) + "\">"
            + text(body) + "</failure>\n");
      } else {
        out.write("      <system-out>" + text("[" + f.severity().label() + "] " + body) + "</system-out>\n");
      }
      out.write("    </testcase>\n");
    }
    if (report.findings().isEmpty()) {
      out.write("    <testcase classname=\"querydoctor\" name=\"no findings\" time=\"0\"/>\n");
    }
    for (SkippedCheck s : report.skipped()) {
      out.write("    <testcase classname=\"querydoctor.skipped\" name=\"" + attr(s.check()) + "\" time=\"0\">\n"
          + "      <skipped message=\"" + attr(s.reason()) + "\"/>\n    </testcase>\n");
    }
    out.write("  </testsuite>\n</testsuites>\n");
  }

  private boolean fails(Finding f) {
    return failAt != null && f.severity().atLeast(failAt);
  }

  private static String attr(String value) {
    return text(value).replace("\"", "&quot;").replace("\n", "&#10;");
  }

  /** XML-escaped, without the control characters XML 1.0 cannot carry. */
  private static String text(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
