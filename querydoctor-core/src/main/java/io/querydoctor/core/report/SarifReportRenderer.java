package io.querydoctor.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querydoctor.core.capture.CallSite;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Findings as a SARIF 2.1.0 log, for code scanning (GitHub, GitLab, IDE viewers). One run; one rule per rule id
 * with its help ({@link RuleHelp}); one result per finding whose message carries the title, the evidence and
 * the fix, and whose {@code partialFingerprints} hash the finding's key (rule id and subject), so a finding
 * keeps its identity across runs. A capture-side finding whose call site is found under the source roots is
 * placed on that file and line; other findings carry a logical location (the table, index, query fingerprint,
 * …) and, if an anchor file is given, a physical location on that file, since GitHub refuses results without
 * one. Suppressed findings are results with an external suppression; with a baseline, results say whether
 * they are new.
 */
public final class SarifReportRenderer implements ReportRenderer {

  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  /** The partialFingerprints key; bump its version if the hashed text ever changes. */
  static final String FINGERPRINT_KEY = "querydoctorFindingKey/v1";

  private static final ObjectMapper MAPPER = JsonReportRenderer.newMapper();

  private final SourceRoots sources;
  private final String anchor;
  private final RuleHelp help = RuleHelp.bundled();

  /**
   * @param sources where call sites are looked up
   * @param anchor a repository-relative file to place findings without a source location on, or {@code null}
   */
  public SarifReportRenderer(SourceRoots sources, String anchor) {
    this.sources = sources;
    this.anchor = anchor;
  }

  @Override
  public void render(Report report, Writer out) throws IOException {
    ObjectNode log = MAPPER.createObjectNode();
    log.put("$schema", SCHEMA_URI);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    Map<String, Integer> ruleIndex = rules(report, run.putObject("tool").putObject("driver"), report.tool());
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    if (!report.skipped().isEmpty()) {
      ArrayNode notes = invocation.putArray("toolExecutionNotifications");
      report.skipped().forEach(s -> notes.addObject().put("level", "note").putObject("message")
          .put("text", "Check " + s.check() + " did not run: " + s.reason()));
    }
    Set<String> newKeys = report.comparison() == null ? null : report.comparison().newFindings().stream()
        .map(FindingRef::key).collect(Collectors.toSet());
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      ObjectNode result = result(results, f.ruleId(), ruleIndex, f.severity(), message(f), f.key());
      locate(result, f);
      if (newKeys != null) {
        result.put("baselineState", newKeys.contains(f.key()) ? "new" : "unchanged");
      }
      ObjectNode properties = result.putObject("properties");
      properties.put("severity", f.severity().label());
      properties.put("subjectKind", f.subject().kind().label());
      properties.put("subject", f.subject().name());
      properties.put("impactMillisPerHour", f.impact().millisPerHour());
    }
    for (SuppressedFinding s : report.suppressed()) {
      ObjectNode result = result(results, s.ruleId(), ruleIndex, s.severity(), s.title(), s.key());
      logicalOnly(result.putArray("locations").addObject(), s.key().substring(s.key().indexOf(':') + 1), "subject");
      result.putArray("suppressions").addObject().put("kind", "external").put("justification", s.reason());
    }
    ObjectNode properties = run.putObject("properties");
    properties.put("target", report.target());
    properties.put("generatedAt", report.generatedAt().toString());
    MAPPER.writeValue(out, log);
    out.write(System.lineSeparator());
  }

  /** The driver with one rule per known rule id, plus any unknown id the report uses; returns each id's index. */
  private Map<String, Integer> rules(Report report, ObjectNode driver, String tool) {
    driver.put("name", "QueryDoctor");
    driver.put("version", tool.startsWith("querydoctor ") ? tool.substring("querydoctor ".length()) : tool);
    Map<String, Integer> index = new LinkedHashMap<>();
    help.ids().forEach(id -> index.putIfAbsent(id, index.size()));
    report.findings().forEach(f -> index.putIfAbsent(f.ruleId(), index.size()));
    report.suppressed().forEach(s -> index.putIfAbsent(s.ruleId(), index.size()));
    ArrayNode rules = driver.putArray("rules");
    for (String id : index.keySet()) {
      ObjectNode rule = rules.addObject();
      rule.put("id", id);
      rule.put("name", pascalCase(id));
      String text = help.text(id).orElse("QueryDoctor rule " + id + ".");
      rule.putObject("shortDescription").put("text", firstSentence(text));
      rule.putObject("fullDescription").put("text", text);
      rule.putObject("help").put("text", text + " See docs/rules.md.")
          .put("markdown", help.markdown(id).orElse(text) + " See `docs/rules.md`.");
      rule.putObject("defaultConfiguration").put("level", "warning");
      rule.putObject("properties").putArray("tags").add("performance").add("database");
    }
    return index;
  }

  private static ObjectNode result(ArrayNode results, String ruleId, Map<String, Integer> ruleIndex, Severity severity,
      String message, String key) {
    ObjectNode result = results.addObject();
    result.put("ruleId", ruleId);
    result.put("ruleIndex", ruleIndex.get(ruleId));
    result.put("level", level(severity));
    result.putObject("message").put("text", message);
    result.putObject("partialFingerprints").put(FINGERPRINT_KEY, FindingFingerprint.of(key));
    return result;
  }

  /** SARIF levels: critical and high fail a code-scanning check as errors, medium warns, the rest are notes. */
  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** The title, the evidence and the fix: what a code-scanning alert shows. */
  static String message(Finding f) {
    StringBuilder text = new StringBuilder(f.title());
    if (!f.title().endsWith(".")) {
      text.append('.');
    }
    text.append(" Evidence: ");
    for (int i = 0; i < f.evidence().size(); i++) {
      Evidence e = f.evidence().get(i);
      text.append(i == 0 ? "" : "; ").append(e.name()).append(" = ").append(Quantities.format(e.value(), e.unit()));
      if (e.threshold() != null) {
        text.append(" (threshold ").append(Quantities.format(e.threshold(), e.unit())).append(')');
      }
    }
    text.append(". Fix: ").append(f.fix().summary());
    if (f.fix().sql() != null) {
      text.append("\n").append(f.fix().sql());
    }
    if (f.fix().code() != null) {
      text.append("\nOr with querydoctor-remedies:\n").append(f.fix().code());
    }
    return text.toString();
  }

  private void locate(ObjectNode result, Finding f) {
    ObjectNode location = result.putArray("locations").addObject();
    Optional<CallSite> site = CallSiteText.of(f);
    Optional<String> file = site.flatMap(sources::resolve);
    if (file.isPresent()) {
      ObjectNode physical = location.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", uriReference(file.get()));
      if (site.get().line() > 0) {
        physical.putObject("region").put("startLine", site.get().line());
      }
      location.putArray("logicalLocations").addObject()
          .put("fullyQualifiedName", site.get().className() + "." + site.get().methodName()).put("kind", "function");
      return;
    }
    logicalOnly(location, f.subject().name(), f.subject().kind().label());
  }

  private void logicalOnly(ObjectNode location, String subject, String kind) {
    if (anchor != null) {
      location.putObject("physicalLocation").putObject("artifactLocation").put("uri", uriReference(anchor));
    }
    location.putArray("logicalLocations").addObject().put("name", subject)
        .put("fullyQualifiedName", kind + ":" + subject).put("kind", "resource");
  }

  /** A relative path as a URI reference: spaces and other characters a URI cannot hold are %-encoded. */
  static String uriReference(String path) {
    try {
      return new java.net.URI(null, null, path, null).getRawPath();
    } catch (java.net.URISyntaxException e) {
      return path;
    }
  }

  static String pascalCase(String ruleId) {
    StringBuilder name = new StringBuilder();
    for (String part : ruleId.split("-")) {
      if (!part.isEmpty()) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return name.toString();
  }

  private static String firstSentence(String text) {
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }
}
