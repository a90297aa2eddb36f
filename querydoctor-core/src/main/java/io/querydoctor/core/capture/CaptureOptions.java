package io.querydoctor.core.capture;

import io.querydoctor.core.detect.DetectorThresholds;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a capture session behaves. Every bound on memory is here, with its default:
 * <ul>
 *   <li>{@code maxStatementsPerScope} (10 000): statements kept per open scope; more are counted, not kept (and
 *       not analysed: the scope then gets a {@code capture-truncated} finding). Also bounds the scope's
 *       per-fingerprint repeat counters and the transactions it keeps;
 *   <li>{@code maxScopeTextChars} (2 000 000): characters of SQL text a scope keeps with its statements (charged
 *       when a connection fingerprints a text other than its last one, so a statement run again adds none); past
 *       it statements are counted, not kept;
 *   <li>{@code maxFingerprints} (1 000): entries in the aggregate, a few KB each; more go to one "other" entry;
 *   <li>{@code maxCachedStatements} (10 000): distinct SQL strings whose fingerprint is cached;
 *   <li>{@code maxCachedTextChars} (4 000 000): characters of those strings; a statement longer than a
 *       sixteenth of it is fingerprinted at every execution instead of cached;
 *   <li>{@code captureQueueCapacity} (65 536): events waiting for the capture file writer; more are dropped
 *       and counted;
 *   <li>detection groups: at most {@code maxFingerprints} × rules, beyond which new groups are dropped.
 * </ul>
 *
 * @param ticker time source
 * @param callSites when to walk the stack
 * @param callSiteExclusions package prefixes that are never the application's frame
 * @param countRows whether result sets are wrapped to count rows (needed by {@code unbounded-result})
 * @param consumeTime whether, with {@code countRows}, the time from the driver's return to the last row read
 *     or close is measured too (off by default: it costs one more clock read per query, about a sixth of the
 *     whole capture cost per statement; see docs/performance.md)
 * @param maxStatementsPerScope see above
 * @param maxFingerprints see above
 * @param maxCachedStatements see above
 * @param maxScopeTextChars see above
 * @param maxCachedTextChars see above
 * @param thresholds the detectors' thresholds (defaults from RULES.md)
 * @param slowQueryLog whether statements over the slow-query threshold are logged (SLF4J, WARN)
 * @param captureFile JSON-lines file to write events to, or {@code null}
 * @param captureLiterals whether the capture file keeps literal values (off: redacted text only)
 * @param captureQueueCapacity see above
 */
public record CaptureOptions(
    Ticker ticker,
    CallSiteMode callSites,
    List<String> callSiteExclusions,
    boolean countRows,
    boolean consumeTime,
    int maxStatementsPerScope,
    int maxFingerprints,
    int maxCachedStatements,
    int maxScopeTextChars,
    int maxCachedTextChars,
    DetectorThresholds thresholds,
    boolean slowQueryLog,
    Path captureFile,
    boolean captureLiterals,
    int captureQueueCapacity) {

  public CaptureOptions {
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(callSites, "callSites");
    callSiteExclusions = List.copyOf(callSiteExclusions);
    Objects.requireNonNull(thresholds, "thresholds");
    positive("maxStatementsPerScope", maxStatementsPerScope);
    positive("maxFingerprints", maxFingerprints);
    positive("maxCachedStatements", maxCachedStatements);
    positive("maxScopeTextChars", maxScopeTextChars);
    positive("maxCachedTextChars", maxCachedTextChars);
    positive("captureQueueCapacity", captureQueueCapacity);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1: " + value);
    }
  }

  public static CaptureOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ticker = ticker;
    b.callSites = callSites;
    b.callSiteExclusions = callSiteExclusions;
    b.countRows = countRows;
    b.consumeTime = consumeTime;
    b.maxStatementsPerScope = maxStatementsPerScope;
    b.maxFingerprints = maxFingerprints;
    b.maxCachedStatements = maxCachedStatements;
    b.maxScopeTextChars = maxScopeTextChars;
    b.maxCachedTextChars = maxCachedTextChars;
    b.thresholds = thresholds;
    b.slowQueryLog = slowQueryLog;
    b.captureFile = captureFile;
    b.captureLiterals = captureLiterals;
    b.captureQueueCapacity = captureQueueCapacity;
    return b;
  }

  /** Named steps for the options; unset ones keep their defaults. */
  public static final class Builder {
    private Ticker ticker = Ticker.system();
    private CallSiteMode callSites = CallSiteMode.ON_REPEAT;
    private List<String> callSiteExclusions = CallSiteFinder.DEFAULT_EXCLUDED;
    private boolean countRows = true;
    private boolean consumeTime;
    private int maxStatementsPerScope = 10_000;
    private int maxFingerprints = 1_000;
    private int maxCachedStatements = 10_000;
    // About 2 MB of Latin-1 text: 10 000 statements of 200 characters, the usual ORM statement's length.
    private int maxScopeTextChars = 2_000_000;
    private int maxCachedTextChars = 4_000_000;
    private DetectorThresholds thresholds = DetectorThresholds.defaults();
    private boolean slowQueryLog = true;
    private Path captureFile;
    private boolean captureLiterals;
    private int captureQueueCapacity = 65_536;

    public Builder ticker(Ticker value) {
      ticker = value;
      return this;
    }

    public Builder callSites(CallSiteMode value) {
      callSites = value;
      return this;
    }

    /** Adds package prefixes (e.g. your own data-access layer) that should not count as the call site. */
    public Builder excludeFromCallSites(String... prefixes) {
      callSiteExclusions = new java.util.ArrayList<>(callSiteExclusions);
      callSiteExclusions.addAll(List.of(prefixes));
      return this;
    }

    public Builder countRows(boolean value) {
      countRows = value;
      return this;
    }

    /** Also measure the time to consume each query's result (needs {@code countRows}); off by default. */
    public Builder consumeTime(boolean value) {
      consumeTime = value;
      return this;
    }

    public Builder maxStatementsPerScope(int value) {
      maxStatementsPerScope = value;
      return this;
    }

    public Builder maxFingerprints(int value) {
      maxFingerprints = value;
      return this;
    }

    public Builder maxCachedStatements(int value) {
      maxCachedStatements = value;
      return this;
    }

    /** Characters of SQL text an open scope keeps with its statements; more statements are counted only. */
    public Builder maxScopeTextChars(int value) {
      maxScopeTextChars = value;
      return this;
    }

    /** Characters of SQL text the fingerprint cache holds (per dialect). */
    public Builder maxCachedTextChars(int value) {
      maxCachedTextChars = value;
      return this;
    }

    public Builder thresholds(DetectorThresholds value) {
      thresholds = value;
      return this;
    }

    public Builder slowQueryLog(boolean value) {
      slowQueryLog = value;
      return this;
    }

    public Builder captureFile(Path value) {
      captureFile = value;
      return this;
    }

    public Builder captureLiterals(boolean value) {
      captureLiterals = value;
      return this;
    }

    public Builder captureQueueCapacity(int value) {
      captureQueueCapacity = value;
      return this;
    }

    public CaptureOptions build() {
      return new CaptureOptions(ticker, callSites, callSiteExclusions, countRows, consumeTime, maxStatementsPerScope,
          maxFingerprints, maxCachedStatements, maxScopeTextChars, maxCachedTextChars, thresholds, slowQueryLog,
          captureFile, captureLiterals, captureQueueCapacity);
    }
  }
}
