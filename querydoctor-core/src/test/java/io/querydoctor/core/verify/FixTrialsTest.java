package io.querydoctor.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.Verification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fixes as the analyzers write them (missing-fk-index, seq-scan advice, stale-statistics, sort-spill). */
class FixTrialsTest {

  private static final String POSTS_BY_USER = "d892e68802d082f3";
  private static final String SORTED_USERS = "c5a74bc3de8a5991";

  private final StatementSamples samples = new StatementSamples()
      .add(POSTS_BY_USER, TimedWork.read("posts of one user", "SELECT id FROM posts WHERE user_id = 42"))
      .add("day", TimedWork.read("posts of a day", "SELECT id FROM posts WHERE created_at::date = '2026-05-01'"))
      .add("pending", TimedWork.read("pending orders", "SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id"))
      .add(SORTED_USERS, new TimedWork("sorted users", List.of("SET work_mem = '64kB'"),
          List.of("SELECT * FROM users ORDER BY name"), false));

  private final Finding missingFkIndex = finding("missing-fk-index", Subject.columns("public.posts", "user_id"),
      Fix.sql("Index it", "CREATE INDEX CONCURRENTLY \"posts_user_id_idx\" ON public.posts (\"user_id\");"));
  private final Finding seqScan = finding("seq-scan-large-table", Subject.table("posts"),
      Fix.sql("Create an index", "CREATE INDEX CONCURRENTLY ON posts (user_id);"), Subject.fingerprint(POSTS_BY_USER));

  @Test
  void anIndexFixIsBuiltPlainlyUnderItsNameTimedOnTheQueryItServesAndDroppedAgain() {
    List<FixTrial> trials = FixTrials.derive(List.of(missingFkIndex), samples);

    assertThat(trials).singleElement().satisfies(trial -> {
      assertThat(trial.apply()).containsExactly("CREATE INDEX \"posts_user_id_idx\" ON public.posts (\"user_id\")");
      assertThat(trial.revert()).containsExactly("DROP INDEX IF EXISTS \"posts_user_id_idx\"");
      assertThat(trial.before().label()).as("a query filtering on the leading column").isEqualTo("posts of one user");
      assertThat(trial.after()).isEqualTo(trial.before());
    });
  }

  @Test
  void theSameIndexAdvisedTwiceInOneGroupIsTriedOnce() {
    Finding head = missingFkIndex.withSupporting(List.of(seqScan));

    List<FixTrial> trials = FixTrials.derive(List.of(head), samples);

    assertThat(trials).hasSize(1);
    assertThat(trials.get(0).findingKey()).startsWith("missing-fk-index:public.posts(user_id)@");
    assertThat(trials.get(0).alsoFor()).as("the scan's advice is the same index: measured once, for both")
        .containsExactly(FixTrials.identity(seqScan));
  }

  @Test
  void anUnnamedIndexGetsATrialNameAndAnIndexWithoutAnExampleQueryIsNotTried() {
    Finding unnamed = finding("seq-scan-large-table", Subject.table("users"),
        Fix.sql("Create an index", "CREATE INDEX CONCURRENTLY ON users (country);"));

    assertThat(FixTrials.derive(List.of(seqScan), samples)).singleElement()
        .satisfies(t -> assertThat(t.apply().get(0)).matches("CREATE INDEX querydoctor_trial_\\d+ ON posts \\(user_id\\)"));
    assertThat(FixTrials.derive(List.of(unnamed), samples)).as("no example filters users on country").isEmpty();
  }

  @Test
  void anIndexIsTimedOnAQueryOfItsGroupThatUsesItsLeadingColumn() {
    Finding createdAtIndex = finding("missing-index", Subject.columns("public.posts", "created_at DESC"),
        Fix.sql("Create", "CREATE INDEX CONCURRENTLY posts_created_at_idx ON public.posts (created_at DESC);"),
        Subject.fingerprint(POSTS_BY_USER), Subject.fingerprint("day"));

    assertThat(FixTrials.derive(List.of(createdAtIndex), samples)).singleElement()
        .satisfies(t -> assertThat(t.before().label()).isEqualTo("posts of a day"));
  }

  @Test
  void analyzeRunsLastBecauseItCannotBeUndone() {
    Finding stale = finding("stale-statistics", Subject.table("public.orders"),
        Fix.sql("Refresh", "ANALYZE public.orders;\nALTER TABLE public.orders RESET (autovacuum_enabled);"));

    List<FixTrial> trials = FixTrials.derive(List.of(stale, missingFkIndex), samples);

    assertThat(trials).extracting(FixTrial::description)
        .containsExactly("CREATE INDEX \"posts_user_id_idx\" ON public.posts (\"user_id\")", "ANALYZE public.orders");
    assertThat(trials.get(1).irreversible()).isTrue();
    assertThat(trials.get(1).before().label()).isEqualTo("pending orders");
  }

  @Test
  void aWorkMemFixIsTheSessionsOwnSettingsThenTheNewOne() {
    Finding spill = finding("sort-spill", Subject.fingerprint(SORTED_USERS),
        Fix.setting("More memory", "SET work_mem = '8MB';  -- in that session"));

    FixTrial trial = FixTrials.derive(List.of(spill), samples).get(0);

    assertThat(trial.before().settings()).containsExactly("SET work_mem = '64kB'");
    assertThat(trial.after().settings()).containsExactly("SET work_mem = '64kB'", "SET work_mem = '8MB'");
  }

  @Test
  void measuredEffectsGoToTheFindingWhoseFixWasTriedEvenWhenMerged() {
    Finding otherScan = finding("seq-scan-large-table", Subject.table("posts"), Fix.action("rewrite"),
        Subject.fingerprint("day"));
    Finding head = missingFkIndex.withSupporting(List.of(seqScan, otherScan));
    Verification measured = new Verification(Verification.Method.MEASURED, "median_ms", 10, 0.2, 7, "index");

    List<Finding> attached = VerifiedFixes.attach(List.of(head),
        Map.of(FixTrials.identity(seqScan), measured, "n-plus-one:" + POSTS_BY_USER, measured));

    assertThat(attached.get(0).verification()).isNull();
    assertThat(attached.get(0).supporting().get(0).verification()).isEqualTo(measured);
    assertThat(attached.get(0).supporting().get(1).verification()).as("same rule and table, another query").isNull();
    assertThat(VerifiedFixes.verified(attached)).containsExactly(attached.get(0).supporting().get(0));
  }

  /** Regression (#24): a work_mem fix whose p95 went from 13 to 20 ms was still shown as a verified fix. */
  @Test
  void aFixThatDidNotHelpSaysSoAndLowersTheFindingsSeverity() {
    Finding spill = finding("sort-spill", Subject.fingerprint(SORTED_USERS), Fix.setting("Raise work_mem",
        "SET work_mem = '64MB';")).withSeverity(Severity.MEDIUM);
    Verification worse = new Verification(Verification.Method.MEASURED, "median_ms", 12, 12.5, 7, "work_mem 64MB",
        13.0, 20.0);
    Finding attached = VerifiedFixes.attach(List.of(spill), Map.of(spill.key(), worse)).get(0);
    assertThat(worse.improved()).isFalse();
    assertThat(attached.severity()).isEqualTo(Severity.LOW);
    assertThat(attached.verification().note()).startsWith("no improvement");
    assertThat(attached.detail()).contains("did not make it better").contains("lowered from medium");

    Verification faster = new Verification(Verification.Method.MEASURED, "median_ms", 12, 3, 7, "work_mem 64MB",
        13.0, 4.0);
    Finding helped = VerifiedFixes.attach(List.of(spill), Map.of(spill.key(), faster)).get(0);
    assertThat(helped.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(helped.verification()).isEqualTo(faster);
    Verification fasterMedianWorseTail = new Verification(Verification.Method.MEASURED, "median_ms", 12, 3, 7, "x",
        13.0, 40.0);
    assertThat(fasterMedianWorseTail.improved()).isFalse();
  }

  @Test
  void timingsUseNearestRankPercentiles() {
    Timings timings = Timings.of(new double[] {5, 1, 4, 2, 3, 100, 6});

    assertThat(timings.medianMillis()).isEqualTo(4);
    assertThat(timings.p95Millis()).isEqualTo(100);
    assertThat(timings.runs()).isEqualTo(7);
  }

  private static Finding finding(String rule, Subject subject, Fix fix, Subject... concerns) {
    Finding.Builder builder = Finding.builder(rule, Severity.MEDIUM).title(rule).subject(subject)
        .evidence(Evidence.of("value", 1, "count")).impact(new Impact(1, "test")).fix(fix);
    for (Subject concern : concerns) {
      builder.concerns(concern);
    }
    return builder.build();
  }
}
