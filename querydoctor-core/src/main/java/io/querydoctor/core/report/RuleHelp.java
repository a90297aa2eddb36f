package io.querydoctor.core.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Short help per rule id (what fires it, the default threshold, the fix), from the resource
 * {@code rule-help.txt} beside this class, which is kept in step with docs/rules.md by a test. Used where a
 * format describes its rules apart from its findings (SARIF's {@code rules}).
 */
public final class RuleHelp {

  private static final RuleHelp BUNDLED = load();

  private final Map<String, String> markdownById;

  private RuleHelp(Map<String, String> markdownById) {
    this.markdownById = Collections.unmodifiableMap(markdownById);
  }

  /** The help shipped with QueryDoctor. */
  public static RuleHelp bundled() {
    return BUNDLED;
  }

  /** Every rule id with help, in the order of docs/rules.md. */
  public Iterable<String> ids() {
    return markdownById.keySet();
  }

  /** The help in Markdown (inline code in backticks), or empty for an unknown id. */
  public Optional<String> markdown(String ruleId) {
    return Optional.ofNullable(markdownById.get(ruleId));
  }

  /** The help as plain text, or empty for an unknown id. */
  public Optional<String> text(String ruleId) {
    return markdown(ruleId).map(md -> md.replace("`", ""));
  }

  private static RuleHelp load() {
    Map<String, String> help = new LinkedHashMap<>();
    try (InputStream in = RuleHelp.class.getResourceAsStream("rule-help.txt")) {
      if (in == null) {
        throw new IllegalStateException("rule-help.txt is missing from the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int colon = line.indexOf(": ");
        if (line.isBlank() || line.startsWith("#") || colon < 0) {
          continue;
        }
        help.put(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RuleHelp(help);
  }
}
