package io.querydoctor.core.verify;

import java.util.List;
import java.util.Objects;

/**
 * One fix tried in isolation on a sandbox: time {@code before}, run {@code apply}, time {@code after}, run
 * {@code revert}. An index is built and dropped again; a rewrite changes only what is timed; a setting is a
 * session setting of the {@code after} work.
 *
 * @param findingKey the {@code rule:subject} of the finding whose fix this is
 * @param description what is applied, in words ("CREATE INDEX ON posts (user_id)")
 * @param apply statements that apply the fix, run once in auto-commit
 * @param revert statements that undo it, run once after the measurement (empty when it can't be undone, e.g.
 *     ANALYZE — such trials run last)
 * @param before the work without the fix
 * @param after the same work (or its rewrite) with the fix
 * @param alsoFor keys of other findings whose fix is the same (a missing foreign-key index and the index a scan's
 *     advice gives): the measurement is theirs too
 */
public record FixTrial(String findingKey, String description, List<String> apply, List<String> revert,
    TimedWork before, TimedWork after, List<String> alsoFor) {

  public FixTrial(String findingKey, String description, List<String> apply, List<String> revert,
      TimedWork before, TimedWork after) {
    this(findingKey, description, apply, revert, before, after, List.of());
  }

  public FixTrial {
    Objects.requireNonNull(findingKey, "findingKey");
    Objects.requireNonNull(description, "description");
    apply = List.copyOf(apply);
    revert = List.copyOf(revert);
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    alsoFor = List.copyOf(alsoFor);
  }

  /** This trial, measuring the fix of the finding keyed {@code other} as well. */
  public FixTrial alsoFor(String other) {
    List<String> more = new java.util.ArrayList<>(alsoFor);
    more.add(other);
    return new FixTrial(findingKey, description, apply, revert, before, after, more);
  }

  /** Every finding key the measurement belongs to. */
  public List<String> findingKeys() {
    List<String> keys = new java.util.ArrayList<>();
    keys.add(findingKey);
    keys.addAll(alsoFor);
    return keys;
  }

  /** True when the fix leaves the sandbox changed (nothing to revert while something was applied). */
  public boolean irreversible() {
    return revert.isEmpty() && !apply.isEmpty();
  }
}
