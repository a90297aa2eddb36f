package io.querydoctor.spring.boot;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a new finding to the log (WARN, logger {@code io.querydoctor.findings}) as one line with the rule,
 * the scope, the title and the evidence, and the fix on the next lines:
 *
 * <pre>
 * QueryDoctor n-plus-one in 'GET /owners': SELECT … ran 10 times … [executions=10 …] at OwnerController.java:31
 *   fix: Load the collection in one query: …
 *   SELECT … WHERE owner_id = ANY (?)
 * </pre>
 */
final class FindingLog {

  static final Logger LOG = LoggerFactory.getLogger("io.querydoctor.findings");

  private FindingLog() {}

  static void log(String scope, Finding finding) {
    if (!LOG.isWarnEnabled()) {
      return;
    }
    String evidence = finding.evidence().stream().map(FindingLog::evidence).collect(Collectors.joining(", "));
    StringBuilder line = new StringBuilder("QueryDoctor ").append(finding.ruleId()).append(" in '").append(scope)
        .append("': ").append(finding.title()).append(" [").append(evidence).append(']');
    if (finding.callSite() != null && !finding.title().contains(finding.callSite().toString())) {
      line.append(" at ").append(finding.callSite());
    }
    line.append("\n  fix: ").append(finding.fix().summary());
    if (finding.fix().sql() != null && !finding.fix().sql().isBlank()) {
      line.append("\n  ").append(finding.fix().sql().strip().replace("\n", "\n  "));
    }
    LOG.warn(line.toString());
  }

  private static String evidence(Evidence e) {
    if ("ratio".equals(e.unit())) {
      return e.name() + "=" + Math.round(e.value() * 100) + " %";
    }
    String value = e.value() == Math.rint(e.value()) ? String.valueOf((long) e.value())
        : String.format(java.util.Locale.ROOT, "%.1f", e.value());
    boolean unitless = e.unit() == null || e.unit().isEmpty() || "count".equals(e.unit());
    return e.name() + "=" + value + (unitless ? "" : " " + e.unit());
  }
}
