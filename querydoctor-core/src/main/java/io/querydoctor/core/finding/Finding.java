package io.querydoctor.core.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One problem QueryDoctor found, with everything a reader needs to act on it. Immutable.
 *
 * <p>The {@code ruleId} is one of the ids in RULES.md and is part of the public interface: CI gates,
 * suppressions and tests key on it, never on the title. The JSON form is documented by
 * {@code docs/report.schema.json}.
 *
 * @param ruleId stable rule id, e.g. {@code missing-fk-index}
 * @param severity how urgent it is
 * @param title one line saying what is wrong, naming the subject
 * @param subject what it is about
 * @param detail why it matters, in a few sentences; may be empty
 * @param evidence the numbers that triggered it, at least one
 * @param impact what it costs, for ranking
 * @param fix what to do
 * @param verification the measured or estimated effect of the fix, or {@code null}
 * @param concerns other things the finding is about besides its subject (the query whose plan showed it, the
 *     columns a filter used, the session that blocked): the keys by which findings about one root cause are
 *     merged; may be empty
 * @param supporting findings about the same root cause merged into this one, as further evidence; may be empty
 * @param callSite where in the application's code the statements it is about ran, or {@code null} (findings
 *     not from capture, or captured without a stack walk)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
    String ruleId,
    Severity severity,
    String title,
    Subject subject,
    String detail,
    List<Evidence> evidence,
    Impact impact,
    Fix fix,
    Verification verification,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Subject> concerns,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Finding> supporting,
    CodeLocation callSite) {

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subject, "subject");
    detail = detail == null ? "" : detail;
    evidence = List.copyOf(evidence);
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException("a finding needs evidence: " + ruleId + " " + subject);
    }
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(fix, "fix");
    concerns = concerns == null ? List.of() : List.copyOf(concerns);
    supporting = supporting == null ? List.of() : List.copyOf(supporting);
  }

  /** A finding without a call site (every finding that does not come from capture). */
  public Finding(String ruleId, Severity severity, String title, Subject subject, String detail,
      List<Evidence> evidence, Impact impact, Fix fix, Verification verification, List<Subject> concerns,
      List<Finding> supporting) {
    this(ruleId, severity, title, subject, detail, evidence, impact, fix, verification, concerns, supporting, null);
  }

  /** The same finding, located in the application's code. */
  public Finding withCallSite(CodeLocation location) {
    return new Finding(ruleId, severity, title, subject, detail, evidence, impact, fix, verification, concerns,
        supporting, location);
  }

  /** The same finding with the effect of its fix attached. */
  public Finding withVerification(Verification measured) {
    return new Finding(ruleId, severity, title, subject, detail, evidence, impact, fix, measured, concerns,
        supporting, callSite);
  }

  /** The same finding at another severity (an analyzer adjusting from measured impact). */
  public Finding withSeverity(Severity adjusted) {
    return new Finding(ruleId, adjusted, title, subject, detail, evidence, impact, fix, verification, concerns,
        supporting, callSite);
  }

  /** The same finding with a longer explanation. */
  public Finding withDetail(String longer) {
    return new Finding(ruleId, severity, title, subject, longer, evidence, impact, fix, verification, concerns,
        supporting, callSite);
  }

  /** The same finding with another fix (e.g. a drop that must name the index to keep). */
  public Finding withFix(Fix changed) {
    return new Finding(ruleId, severity, title, subject, detail, evidence, impact, changed, verification, concerns,
        supporting, callSite);
  }

  /** The same finding, also about {@code more} (e.g. the query a plan finding came from). */
  public Finding alsoConcerning(List<Subject> more) {
    List<Subject> all = new java.util.ArrayList<>(concerns);
    more.stream().filter(s -> !all.contains(s) && !s.equals(subject)).forEach(all::add);
    return new Finding(ruleId, severity, title, subject, detail, evidence, impact, fix, verification, all,
        supporting, callSite);
  }

  /** The same finding standing for a root cause, with {@code others} about that cause merged in as evidence. */
  public Finding withSupporting(List<Finding> others) {
    return new Finding(ruleId, severity, title, subject, detail, evidence, impact, fix, verification, concerns,
        others, callSite);
  }

  /** The same finding with another impact estimate (e.g. re-based onto the workload's time window). */
  public Finding withImpact(Impact rebased) {
    return new Finding(ruleId, severity, title, subject, detail, evidence, rebased, fix, verification, concerns,
        supporting, callSite);
  }

  /** Every subject the finding is about: its subject first, then what it concerns. */
  public List<Subject> allSubjects() {
    List<Subject> all = new java.util.ArrayList<>();
    all.add(subject);
    all.addAll(concerns);
    return all;
  }

  /** Starts a finding for {@code ruleId}; analyzers fill it in with the builder's named steps. */
  public static Builder builder(String ruleId, Severity severity) {
    return new Builder(ruleId, severity);
  }

  /** The key suppressions match: {@code rule:subject-name}; in the JSON report as {@code key}. */
  @com.fasterxml.jackson.annotation.JsonProperty("key")
  public String key() {
    return ruleId + ":" + subject.name();
  }

  /** Readable construction of a finding: {@code Finding.builder(..).title(..).subject(..)...build()}. */
  public static final class Builder {
    private final String ruleId;
    private final Severity severity;
    private final List<Evidence> evidence = new java.util.ArrayList<>();
    private String title;
    private Subject subject;
    private String detail = "";
    private Impact impact;
    private Fix fix;
    private Verification verification;
    private final List<Subject> concerns = new java.util.ArrayList<>();

    private Builder(String ruleId, Severity severity) {
      this.ruleId = ruleId;
      this.severity = severity;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder subject(Subject subject) {
      this.subject = subject;
      return this;
    }

    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    public Builder evidence(Evidence item) {
      evidence.add(item);
      return this;
    }

    public Builder impact(Impact impact) {
      this.impact = impact;
      return this;
    }

    public Builder fix(Fix fix) {
      this.fix = fix;
      return this;
    }

    /** Another thing the finding is about (see {@link Finding#concerns()}); repeatable. */
    public Builder concerns(Subject other) {
      if (!concerns.contains(other)) {
        concerns.add(other);
      }
      return this;
    }

    /** Other things the finding is about; see {@link Finding#concerns()}. */
    public Builder concerns(List<Subject> others) {
      others.forEach(this::concerns);
      return this;
    }

    public Builder verification(Verification verification) {
      this.verification = verification;
      return this;
    }

    public Finding build() {
      return new Finding(ruleId, severity, title, subject, detail, evidence, impact, fix, verification, concerns,
          List.of());
    }
  }
}
