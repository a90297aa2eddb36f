package io.querydoctor.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Chart.js (MIT, the {@code org.webjars.npm:chart.js} jar on the classpath), read once so that the HTML
 * report can inline it and be viewed without a network. The bundle starts with its own license banner, which
 * stays in the report.
 */
final class ChartJsLibrary {

  static final String VERSION = "4.5.1";
  private static final String PATH = "META-INF/resources/webjars/chart.js/" + VERSION + "/dist/chart.umd.min.js";

  private ChartJsLibrary() {}

  /** The script's text; fails if the jar is missing (a packaging error, not a user error). */
  static String script() {
    return Holder.SCRIPT;
  }

  /** The report's own page script (resource next to this class). */
  static String pageScript() {
    return Holder.PAGE_SCRIPT;
  }

  private static final class Holder {
    static final String SCRIPT = read(PATH);
    static final String PAGE_SCRIPT = read("io/querydoctor/core/report/report.js");

    private static String read(String path) {
      try (InputStream in = ChartJsLibrary.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing from the classpath: " + path);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (text.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
          // Inlined into a <script> element, this would end it early.
          throw new IllegalStateException(path + " contains </script and cannot be inlined");
        }
        return text;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
