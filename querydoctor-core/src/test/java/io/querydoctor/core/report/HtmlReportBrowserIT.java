package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML report in a real browser (Debian's {@code chromium}, headless): every chart is drawn, no script error
 * happens, and the markup inside database text ({@code <script>}, {@code <img onerror>}) is shown as text and
 * never runs. Skipped, saying why, when chromium is not installed ({@code apt-get install chromium}).
 */
class HtmlReportBrowserIT {

  private static final Path WORK = Path.of("target", "html-report-it");
  private static HeadlessChromium chromium;
  private static Path page;

  @BeforeAll
  static void renderReport() throws Exception {
    Optional<HeadlessChromium> found = HeadlessChromium.find();
    assumeTrue(found.isPresent(), "chromium is not installed (apt-get install chromium): browser test skipped");
    chromium = found.get();
    Files.createDirectories(WORK);
    page = WORK.resolve("report.html");
    try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
      new HtmlReportRenderer().render(HostileReports.full().redacted(), out);
    }
  }

  @Test
  void everyChartIsDrawnWithoutErrorsAndInjectedMarkupStaysText() throws Exception {
    String dom = chromium.dumpDom(page, WORK);

    int charts = count(dom, Pattern.compile(Pattern.quote("<canvas id=\"chart-")));
    assertThat(charts).isEqualTo(6);
    assertThat(dom).containsPattern("<canvas id=\"chart-timeline\"[^>]*data-drawn=\"true\"");
    assertThat(count(dom, Pattern.compile("<canvas [^>]*data-drawn=\"true\""))).as("charts drawn").isEqualTo(charts);
    assertThat(dom).contains("data-charts-drawn=\"" + charts + "\"");
    assertThat(dom).as("script errors recorded by the page").doesNotContain("data-errors=")
        .contains("<pre id=\"qd-errors\" hidden=\"\"></pre>");
    // The injected script and handler did not run, and their markup is text on the page.
    assertThat(dom).doesNotContain("data-pwned=\"");
    assertThat(dom).doesNotContain("<img").contains("&lt;script&gt;document.body.setAttribute")
        .contains("&lt;img src=x onerror=document.body.setAttribute");
  }

  @Test
  void screenshotShowsTheCharts() throws Exception {
    Path png = WORK.resolve("report.png");
    Files.deleteIfExists(png);
    chromium.screenshot(page, png, WORK, 1280, 1600);
    assertThat(png).exists();
    // A drawn page is far more than a blank PNG of that size (a few kB).
    assertThat(Files.size(png)).isGreaterThan(50_000);
  }

  private static int count(String text, Pattern part) {
    Matcher m = part.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
