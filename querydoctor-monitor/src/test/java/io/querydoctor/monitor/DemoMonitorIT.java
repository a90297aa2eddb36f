package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.workload.DemoWorkload;
import io.querydoctor.demo.workload.ScopeRunner;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.store.HistoryStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo database's planted problems, seen by the monitor with its default rules. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DemoMonitorIT {

  private static final DemoScale SCALE = new DemoScale(0.1);

  @Test
  void plantedProblemsAtMediumOrAboveBecomeFiringAlertsWithFixes(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      new DemoDatabase(SCALE, ProgressListener.NONE).build(c);
    }
    MonitoredTarget target = new MonitoredTarget(db.jdbcUrl(), db.name(), db::connect, Duration.ofSeconds(30));
    try (HistoryStore store = HistoryStore.open(db.server().connect(db.server().createUniqueDatabase("demo_store")));
        Monitor monitor = new Monitor(store, List.of(target), AlertRules.defaults(), List.of(),
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.health(), MonitorSettings.defaults(), Clock.systemUTC())) {
      monitor.cycle();
      new DemoWorkload(db::connect, ScopeRunner.NONE, ProgressListener.NONE, SCALE, 1).run();
      monitor.cycle();
      List<Alert> firing = monitor.openAlerts().stream().filter(a -> a.state() == AlertState.FIRING).toList();
      assertThat(firing).extracting(a -> a.subject().name().substring(0, a.subject().name().indexOf(':')))
          .contains("duplicate-index", "missing-fk-index", "stale-statistics")
          .doesNotContain("unused-index", "vacuum-overdue");
      assertThat(firing).allSatisfy(a -> assertThat(a.summary()).contains("Fix: "));
    }
  }
}
