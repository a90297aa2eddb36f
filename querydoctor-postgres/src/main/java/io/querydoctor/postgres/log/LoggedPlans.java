package io.querydoctor.postgres.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.digest.DigestPeriod;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.postgres.plan.PgPlanFormat;
import io.querydoctor.postgres.plan.PgTextPlanReader;
import io.querydoctor.postgres.plan.PlanFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code auto_explain} plans found in a log, kept per query fingerprint for the plan analysis.
 *
 * <p>Design note. auto_explain logs one plan per logged execution, so a busy log holds thousands of plans of
 * the same few shapes; what a reader acts on is the plan of a shape's slowest execution. So only that plan is
 * kept per fingerprint (at most {@code maxShapes} fingerprints; plans of further shapes are counted, not kept),
 * and plans are parsed and analyzed once, at the end. JSON plans ({@code auto_explain.log_format = json}) and
 * text plans (the default format) are read by their {@link PgPlanFormat} and analyzed with the plan rules. Thread-safe: the parts of a log read in parallel add to one instance.
 */
public final class LoggedPlans {

  /** As many plans as the digest keeps shapes by default. */
  public static final int DEFAULT_MAX_SHAPES = 5_000;

  static final String CHECK = "log-plans";

  /** Created on first use: most logs carry no JSON plans, and a mapper costs a digest ≈ 0.1 s of start-up. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private final int maxShapes;
  private final Map<String, Kept> slowest = new HashMap<>();
  private long seen;
  private long dropped;
  private long unreadable;

  public LoggedPlans(int maxShapes) {
    this.maxShapes = maxShapes;
  }

  public LoggedPlans() {
    this(DEFAULT_MAX_SHAPES);
  }

  /** The slowest plan kept for one fingerprint. */
  private record Kept(double millis, String body, PgPlanFormat format, long plans) {}

  /**
   * Adds the plan logged after {@code plan:} (its lines joined by newlines) of an execution that took
   * {@code millis}.
   */
  public void add(double millis, String body) {
    String trimmed = body.strip();
    PgPlanFormat format = trimmed.startsWith("{") ? PgPlanFormat.JSON : PgPlanFormat.TEXT;
    String query = format == PgPlanFormat.JSON ? jsonQueryText(trimmed) : textQueryText(trimmed);
    if (query == null) {
      synchronized (this) {
        seen++;
        unreadable++;
      }
      return;
    }
    String fingerprint = fingerprinter.fingerprint(query).id();
    synchronized (this) {
      seen++;
      Kept kept = slowest.get(fingerprint);
      if (kept == null && slowest.size() >= maxShapes) {
        dropped++;
        return;
      }
      long plans = kept == null ? 1 : kept.plans + 1;
      slowest.put(fingerprint, kept == null || millis > kept.millis ? new Kept(millis, trimmed, format, plans)
          : new Kept(kept.millis, kept.body, kept.format, plans));
    }
  }

  /** Plans seen. */
  public synchronized long seen() {
    return seen;
  }

  /**
   * The plan rules' findings on the slowest plan (JSON or text) of each shape, each concerning the shape's
   * fingerprint; impact from the shape's calls in {@code digest}.
   */
  public synchronized List<Finding> findings(WorkloadDigest digest, PlanAnalyzer analyzer) {
    Map<String, ShapeDigest> shapes = new HashMap<>();
    digest.shapes().forEach(shape -> shapes.put(shape.fingerprint(), shape));
    double hours = DigestPeriod.hours(digest);
    List<Finding> findings = new ArrayList<>();
    slowest.forEach((fingerprint, kept) -> {
      Plan plan;
      try {
        plan = kept.format.read(kept.body);
      } catch (PlanFormatException e) {
        synchronized (this) {
          unreadable++;
        }
        return;
      }
      ShapeDigest shape = shapes.get(fingerprint);
      double callsPerHour = shape == null ? 0 : shape.calls() / hours;
      double meanMillis = shape == null ? kept.millis : shape.meanMillis();
      for (Finding f : analyzer.analyze(plan, fingerprint, callsPerHour, meanMillis).reportFindings()) {
        String example = shape == null ? "" : " Query " + fingerprint + ": " + shape.example();
        findings.add(f.withDetail(f.detail() + " From auto_explain's plan of its slowest logged execution ("
                + String.format(java.util.Locale.ROOT, "%.1f ms", kept.millis) + ", " + kept.plans
                + " plans logged)." + example)
            .alsoConcerning(List.of(Subject.fingerprint(fingerprint))));
      }
    });
    return findings;
  }

  /**
   * The logged statement text of each fingerprint's kept plan when it carries its literal values (no {@code $n}
   * markers: sent with the simple protocol, or with its values inline): the real values to plan it with.
   */
  public synchronized java.util.Map<String, String> literalTexts() {
    java.util.Map<String, String> texts = new HashMap<>();
    slowest.forEach((fingerprint, kept) -> {
      String query = kept.format == PgPlanFormat.JSON ? jsonQueryText(kept.body) : textQueryText(kept.body);
      if (query != null && !query.matches("(?s).*\\$\\d.*")) {
        texts.put(fingerprint, query.strip());
      }
    });
    return texts;
  }

  /** What could not be analyzed: unreadable plans, shapes beyond the bound. */
  public synchronized List<SkippedCheck> skipped() {
    List<SkippedCheck> skipped = new ArrayList<>();
    if (unreadable > 0) {
      skipped.add(new SkippedCheck(CHECK, unreadable + " auto_explain plan" + (unreadable == 1 ? " was" : "s were")
          + " unreadable (truncated or not a plan)"));
    }
    if (dropped > 0) {
      skipped.add(new SkippedCheck(CHECK, dropped + " auto_explain plans of shapes beyond the first " + maxShapes
          + " were not kept"));
    }
    return skipped;
  }

  private static String jsonQueryText(String json) {
    try {
      JsonNode tree = Json.MAPPER.readTree(json);
      JsonNode text = tree.get("Query Text");
      return text != null && text.isTextual() && tree.has("Plan") ? text.asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * {@code Query Text: …} up to the first plan node line.
   */
  private static String textQueryText(String text) {
    if (!text.startsWith("Query Text: ")) {
      return null;
    }
    StringBuilder query = new StringBuilder();
    for (String line : text.substring("Query Text: ".length()).split("\n", -1)) {
      if (PgTextPlanReader.isNodeLine(line)) {
        return query.length() == 0 ? null : query.toString();
      }
      query.append(query.length() == 0 ? "" : "\n").append(line);
    }
    return null;
  }
}
