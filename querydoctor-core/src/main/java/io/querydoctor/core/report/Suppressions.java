package io.querydoctor.core.report;

import io.querydoctor.core.finding.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings the user accepts, by key ({@code rule:subject}, e.g. {@code unused-index:public.posts_title_idx}),
 * each with a reason. A suppressed finding leaves the ranked list (and so cannot fail {@code --fail-on}); the
 * report lists it with its reason. A merged finding is suppressed by its own key; suppressing one of its
 * supporting findings leaves it in place.
 */
public final class Suppressions {

  public static final Suppressions NONE = new Suppressions(Map.of());

  private final Map<String, String> reasons;

  private Suppressions(Map<String, String> reasons) {
    this.reasons = reasons;
  }

  /**
   * Parses entries of the form {@code rule:subject  # reason} (the reason is optional); {@code source} names
   * where they came from for errors and for a missing reason. Blank lines and lines starting with {@code #} are
   * skipped. Throws {@link IllegalArgumentException} with a one-line message for an entry without
   * {@code rule:subject}.
   */
  public static Suppressions parse(List<String> entries, String source) {
    Map<String, String> reasons = new LinkedHashMap<>();
    int line = 0;
    for (String entry : entries) {
      line++;
      String text = entry.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      int hash = text.indexOf(" #");
      String key = (hash < 0 ? text : text.substring(0, hash)).strip();
      String reason = hash < 0 ? "" : text.substring(hash + 2).strip();
      int colon = key.indexOf(':');
      if (colon <= 0 || colon == key.length() - 1 || key.contains(" ")) {
        throw new IllegalArgumentException(source + (entries.size() > 1 ? " line " + line : "") + ": '" + text
            + "' is not rule:subject (e.g. unused-index:public.posts_title_idx  # reason)");
      }
      reasons.put(key, reason.isEmpty() ? "suppressed by " + source : reason);
    }
    return new Suppressions(reasons);
  }

  /** Reads a suppression file: one {@code rule:subject  # reason} a line. */
  public static Suppressions read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /** These suppressions and {@code other}'s (the other's reason wins for a key in both). */
  public Suppressions and(Suppressions other) {
    Map<String, String> all = new LinkedHashMap<>(reasons);
    all.putAll(other.reasons);
    return new Suppressions(all);
  }

  public boolean isEmpty() {
    return reasons.isEmpty();
  }

  /**
   * A suppression that matches nothing is a typo or a problem that went away: either way the user should hear
   * of it, as a note among the report's skipped checks.
   */
  private List<SkippedCheck> unmatched(Report report) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    Map<String, String> mergedInto = new java.util.HashMap<>();
    for (Finding f : report.findings()) {
      keys.add(f.key());
      f.supporting().forEach(s -> mergedInto.putIfAbsent(s.key(), f.key()));
    }
    report.suppressed().forEach(s -> keys.add(s.key()));
    List<SkippedCheck> notes = new ArrayList<>();
    for (String key : reasons.keySet()) {
      if (keys.contains(key)) {
        continue;
      }
      String into = mergedInto.get(key);
      notes.add(new SkippedCheck("suppression", into != null
          ? "'" + key + "' is merged into '" + into + "' and stays in the report: suppress '" + into + "' to accept it"
          : "'" + key + "' matched no finding: a typo in rule:subject, or the problem is gone and the suppression "
              + "can be removed"));
    }
    return notes;
  }

  /** {@code report} without the suppressed findings, which it lists instead; new findings of a comparison too. */
  public Report apply(Report report) {
    if (reasons.isEmpty()) {
      return report;
    }
    List<Finding> kept = new ArrayList<>();
    List<SuppressedFinding> suppressed = new ArrayList<>(report.suppressed());
    for (Finding f : report.findings()) {
      String reason = reasons.get(f.key());
      if (reason == null) {
        kept.add(f);
      } else {
        suppressed.add(SuppressedFinding.of(f, reason));
      }
    }
    RunComparison comparison = report.comparison() == null ? null : report.comparison().without(reasons.keySet());
    return report.withFindings(kept, suppressed, comparison).plus(List.of(), unmatched(report));
  }
}
