package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the cache makes of statements: read or write, which tables, cacheable or not. */
class StatementPlannerTest {

  private final StatementPlanner planner = new StatementPlanner(CacheOptions.builder()
      .tables("country", "sales.orders").table("rate", Duration.ofSeconds(5)).neverCacheTables("stock").build());

  @Test
  void aReadOfOptedInTablesIsCacheableWithItsTablesTtl() {
    StatementPlan plan = planner.plan("SELECT r.value FROM rate r JOIN country c ON c.code = r.code WHERE c.id = ?");
    assertThat(plan.write()).isFalse();
    assertThat(plan.tables()).containsExactlyInAnyOrder("rate", "country");
    assertThat(plan.cacheable()).isTrue();
    assertThat(plan.ttl()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void tablesInSubqueriesAndCommaListsAreAllSeen() {
    // The word heuristic would miss `stock` here; a missed table would be a stale read.
    assertThat(planner.plan("SELECT * FROM country, stock WHERE 1 = 1").tables()).contains("country", "stock");
    assertThat(planner.plan("SELECT * FROM country WHERE code IN (SELECT code FROM stock)").cacheable())
        .isFalse();
  }

  @Test
  void schemasAreDroppedSoAWriteThroughTheSearchPathInvalidates() {
    assertThat(planner.plan("SELECT * FROM sales.orders WHERE id = ?").tables()).containsExactly("orders");
    assertThat(planner.plan("UPDATE orders SET total = 0").tables()).containsExactly("orders");
  }

  @Test
  void writesAndLockingOrWritingReadsAreNeverCached() {
    assertThat(planner.plan("UPDATE country SET name = ? WHERE id = ?")).satisfies(p -> {
      assertThat(p.write()).isTrue();
      assertThat(p.tables()).containsExactly("country");
    });
    assertThat(planner.plan("INSERT INTO country (code) VALUES (?) RETURNING id").write()).isTrue();
    assertThat(planner.plan("WITH d AS (DELETE FROM country RETURNING *) SELECT * FROM d").write()).isTrue();
    assertThat(planner.plan("SELECT * FROM country WHERE id = ? FOR UPDATE").cacheable()).isFalse();
    assertThat(planner.plan("SELECT nextval('country_seq') FROM country").cacheable()).isFalse();
  }

  @Test
  void ddlAndProcedureLikeStatementsInvalidateEverythingButSessionStatementsNothing() {
    assertThat(planner.plan("TRUNCATE country").writesEverything()).isTrue();
    assertThat(planner.plan("ALTER TABLE country ADD COLUMN x int").writesEverything()).isTrue();
    assertThat(planner.plan("SET statement_timeout = 5000").write()).isFalse();
    assertThat(planner.plan("BEGIN").write()).isFalse();
    assertThat(planner.plan("SHOW server_version").write()).isFalse();
  }

  @Test
  void nothingIsCachedUnlessOptedInAndNeverCacheWins() {
    assertThat(planner.plan("SELECT * FROM users WHERE id = ?").cacheable()).isFalse();
    assertThat(planner.plan("SELECT * FROM stock WHERE id = ?").cacheable()).isFalse();
    StatementPlanner byShape = new StatementPlanner(CacheOptions.builder().build());
    String id = byShape.plan("SELECT * FROM users WHERE id = ?").fingerprint().id();
    StatementPlanner optedIn = new StatementPlanner(CacheOptions.builder()
        .fingerprint(id, Duration.ofSeconds(3)).build());
    assertThat(optedIn.plan("SELECT * FROM users WHERE id = ?")).satisfies(p -> {
      assertThat(p.cacheable()).isTrue();
      assertThat(p.ttl()).isEqualTo(Duration.ofSeconds(3));
    });
  }

  @Test
  void unparsableReadsAreNotCached() {
    assertThat(planner.plan("SELECT * FROM country WHERE ))) garbage").cacheable()).isFalse();
  }
}
