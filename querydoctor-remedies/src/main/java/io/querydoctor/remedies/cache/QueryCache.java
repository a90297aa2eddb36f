package io.querydoctor.remedies.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.querydoctor.core.finding.Finding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A result cache for reads the application opts in ({@link CacheOptions}), invalidated by the writes it sees.
 *
 * <pre>{@code
 * QueryCache cache = QueryCache.create(CacheOptions.builder().table("country", Duration.ofMinutes(10)).build());
 * DataSource ds = cache.wrap(QueryDoctor.wrap(hikari));   // capture sees only the reads that reach the database
 * cache.statistics();                                      // hits, misses, evictions, invalidations per shape
 * cache.findings();                                        // cache-ineffective, cache-write-heavy
 * }</pre>
 *
 * <p>Guarantee: a read through a data source of this cache never returns rows older than the last write to its
 * tables committed through any data source of this cache before the read began. Writes the JVM does not see
 * (other applications, triggers into other tables, functions called from a SELECT) are bounded only by the TTL.
 * Thread-safe; one instance may wrap several data sources of the same database.
 */
public final class QueryCache {

  /** Runs the statement's own query when the cache does not answer. */
  @FunctionalInterface
  interface Query {
    ResultSet run() throws SQLException;
  }

  private final CacheOptions options;
  private final StatementPlanner planner;
  private final TableVersions versions = new TableVersions();
  private final CacheCounters counters = new CacheCounters();
  private final Cache<CacheKey, CacheEntry> entries;

  private QueryCache(CacheOptions options) {
    this.options = options;
    this.planner = new StatementPlanner(options);
    this.entries = Caffeine.newBuilder()
        .maximumWeight(options.maxWeightBytes())
        .weigher((CacheKey key, CacheEntry entry) -> entry.rows().weightBytes() + 2 * key.sql().length() + 64)
        .expireAfter(Expiry.creating((CacheKey key, CacheEntry entry) -> java.time.Duration.ofNanos(
            entry.ttlNanos())))
        .ticker(options.ticker())
        // Maintenance on the caller's thread: counts are exact when a lookup returns, and no pool is started.
        .executor(Runnable::run)
        .evictionListener((CacheKey key, CacheEntry entry, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          if (entry != null) {
            counters.evicted(entry.fingerprintId());
          }
        })
        .build();
  }

  public static QueryCache create(CacheOptions options) {
    return new QueryCache(Objects.requireNonNull(options, "options"));
  }

  /** {@code dataSource} with this cache in front; wrap the capturing data source so capture sees real reads. */
  public DataSource wrap(DataSource dataSource) {
    return new CachingDataSource(Objects.requireNonNull(dataSource, "dataSource"), this);
  }

  /** Counts per shape, the most looked-up first. */
  public List<ShapeStatistics> statistics() {
    return counters.shapes();
  }

  /** {@code cache-ineffective} and {@code cache-write-heavy} findings with the default thresholds. */
  public List<Finding> findings() {
    return CacheFindings.defaults().judge(counters);
  }

  /** Findings with thresholds of your own. */
  public List<Finding> findings(CacheFindings rules) {
    return rules.judge(counters);
  }

  /** Drops every entry (e.g. after a bulk load done outside the data source). */
  public void invalidateAll() {
    versions.writtenEverything();
    entries.invalidateAll();
  }

  /** Estimated entries and their weight, for tests and metrics. */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  StatementPlan plan(String sql) {
    return planner.plan(sql);
  }

  /**
   * A read: from memory when a current entry answers it, else from {@code query}, stored when it may be. The
   * application gets an {@link InMemoryResultSet} either way when the plan is cacheable.
   */
  ResultSet read(StatementPlan plan, String sql, List<Object> values, Statement owner, TransactionWrites tx,
      Query query) throws SQLException {
    if (!plan.cacheable() || values == null || tx.bypasses(plan)) {
      return query.run();
    }
    CacheKey key = new CacheKey(sql, values);
    List<String> tables = new ArrayList<>(plan.tables());
    CacheEntry entry = entries.getIfPresent(key);
    if (entry != null) {
      if (versions.current(entry.tables(), entry.versions())) {
        counters.hit(plan);
        return InMemoryResultSet.of(entry.rows(), owner, null);
      }
      entries.asMap().remove(key, entry);
      counters.invalidated(plan.fingerprint().id());
    }
    counters.miss(plan);
    long[] before = versions.snapshot(tables);
    ResultSet result = query.run();
    CachedRows rows;
    try {
      rows = CachedRows.read(result, options.maxRowsPerResult());
    } catch (SQLException | RuntimeException e) {
      // An error while fetching rows (a failing expression in a later row): the application gets it now.
      result.close();
      throw e;
    }
    if (!rows.complete()) {
      return InMemoryResultSet.of(rows, owner, result);
    }
    result.close();
    if (rows.detachable() && tx.mayStore()) {
      entries.put(key, new CacheEntry(rows, plan.fingerprint().id(), tables, before, plan.ttl().toNanos()));
    }
    return InMemoryResultSet.of(rows, owner, null);
  }

  /** Writes to these tables were committed: entries reading them are outdated from now on. */
  void committed(Set<String> tables, boolean everything) {
    if (everything) {
      versions.writtenEverything();
      return;
    }
    versions.written(tables);
    tables.forEach(counters::written);
  }
}
