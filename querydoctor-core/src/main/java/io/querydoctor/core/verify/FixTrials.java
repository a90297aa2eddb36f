package io.querydoctor.core.verify;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.SubjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the fixes of a diagnosis into trials a sandbox can measure: an index to build and drop again, an
 * ANALYZE, a session setting. What is timed is the example of a query the finding (or a finding merged into it)
 * is about; without an example the fix can't be measured and gets no trial. Fixes that change application code
 * (batching an N+1, keyset pagination) need the application's own before and after, which only it can give.
 */
public final class FixTrials {

  private static final Pattern CREATE_INDEX = Pattern.compile(
      "(?i)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(IF\\s+NOT\\s+EXISTS\\s+)?(?<name>\\S+\\s+)?ON\\s+"
          + "(ONLY\\s+)?(?<table>[^\\s(]+)[^;]*");
  private static final Pattern ANALYZE = Pattern.compile("(?im)^\\s*ANALYZE\\s+(?<table>[^\\s;]+)\\s*;?");
  private static final Pattern SET_WORK_MEM = Pattern.compile("(?i)SET\\s+work_mem\\s*=\\s*'[^']+'");

  private FixTrials() {}

  /** Trials for the fixes of {@code findings} (heads and their merged findings), one per distinct fix. */
  public static List<FixTrial> derive(List<Finding> findings, StatementSamples samples) {
    List<FixTrial> trials = new ArrayList<>();
    java.util.Map<String, Integer> bySameFix = new java.util.HashMap<>();
    for (Finding head : findings) {
      List<Finding> group = new ArrayList<>();
      group.add(head);
      group.addAll(head.supporting());
      for (Finding member : group) {
        trial(member, group, samples, trials.size()).ifPresent(trial -> {
          Integer earlier = bySameFix.putIfAbsent(sameFix(trial.description()), trials.size());
          if (earlier == null) {
            trials.add(trial);
          } else {
            trials.set(earlier, trials.get(earlier).alsoFor(trial.findingKey()));
          }
        });
      }
    }
    // ANALYZE can't be undone: run those last so that they don't change what the other trials measure.
    trials.sort(java.util.Comparator.comparing(FixTrial::irreversible));
    return trials;
  }

  /**
   * The identity of a derived trial's finding: rule, subject and concerns. Two findings of one rule about one
   * table (sequential scans of posts in two queries) have the same {@link Finding#key()} but not the same fix.
   */
  public static String identity(Finding finding) {
    return finding.key() + "@" + finding.concerns();
  }

  /** Index definitions compare without their name, schema, quotes, case and spacing. */
  static String sameFix(String description) {
    String plain = description.replaceAll("(?i)^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+\\S+\\s+ON\\s+", "CREATE INDEX ON ");
    return plain.replace("public.", "").replace("\"", "").replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
  }

  private static Optional<FixTrial> trial(Finding finding, List<Finding> group, StatementSamples samples, int n) {
    String sql = finding.fix().sql();
    if (sql == null) {
      return Optional.empty();
    }
    Matcher index = CREATE_INDEX.matcher(sql);
    if (index.find()) {
      return indexTrial(finding, group, samples, index, n);
    }
    Matcher analyze = ANALYZE.matcher(sql);
    if (analyze.find()) {
      String table = analyze.group("table");
      return work(group, samples, table).map(work -> new FixTrial(identity(finding), "ANALYZE " + table,
          List.of("ANALYZE " + table), List.of(), work, work));
    }
    Matcher setting = SET_WORK_MEM.matcher(sql);
    if (setting.find()) {
      String set = setting.group();
      return work(group, samples, null).map(work -> new FixTrial(identity(finding), set, List.of(), List.of(), work,
          work.withSetting(set)));
    }
    return Optional.empty();
  }

  private static Optional<FixTrial> indexTrial(Finding finding, List<Finding> group, StatementSamples samples,
      Matcher index, int n) {
    String table = index.group("table");
    String name = index.group("name") == null ? "querydoctor_trial_" + n : index.group("name").strip();
    String definition = index.group().substring(index.start("table") - index.start());
    String unique = index.group(1) == null ? "" : "UNIQUE ";
    // Built plainly: CONCURRENTLY only matters for a live table's writers, and a sandbox has none.
    String create = "CREATE " + unique + "INDEX " + name + " ON " + definition.strip();
    String leading = definition.replaceFirst("^[^(]*\\(", "").split("[,)\\s]")[0];
    // A query of the group that filters or sorts on the index's leading column, else any query of the table that
    // does: a query of the group on other columns would time an index it doesn't use.
    Optional<TimedWork> work = fromGroup(group, samples, leading).or(() -> samples.filteringOn(table, leading));
    return work.map(w -> new FixTrial(identity(finding), create,
        List.of(create), List.of("DROP INDEX IF EXISTS " + name), w, w));
  }

  /**
   * What to time for a fix of {@code group}: the example of a query any member is about, else (for a catalog
   * finding that names only a table) an example reading {@code table}.
   */
  private static Optional<TimedWork> work(List<Finding> group, StatementSamples samples, String table) {
    Optional<TimedWork> work = fromGroup(group, samples);
    return work.isPresent() || table == null ? work : samples.reading(table);
  }

  /** The example of the first query a member of the group is about. */
  private static Optional<TimedWork> fromGroup(List<Finding> group, StatementSamples samples) {
    return fromGroup(group, samples, null);
  }

  /** The example of the first query a member of the group is about that uses {@code column} (any, if null). */
  private static Optional<TimedWork> fromGroup(List<Finding> group, StatementSamples samples, String column) {
    for (Finding member : group) {
      for (Subject subject : member.allSubjects()) {
        if (subject.kind() == SubjectKind.FINGERPRINT) {
          Optional<TimedWork> work = column == null ? samples.of(subject.name()) : samples.of(subject.name(), column);
          if (work.isPresent()) {
            return work;
          }
        }
      }
    }
    return Optional.empty();
  }
}
