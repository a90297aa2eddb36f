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
  private final SharedReads shared;
  private final Set<String> namespaces = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private QueryCache(CacheOptions options) {
    this.options = options;
    this.planner = new StatementPlanner(options);
    this.shared = options.shared() == null ? null : new SharedReads(options.shared());
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
    if (shared != null) {
      for (String namespace : namespaces) {
        committed(namespace, Set.of(), true);
      }
    }
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
   * A read: from memory when a current entry answers it, else from the shared tier, else from {@code query},
   * stored when it may be. The application gets an {@link InMemoryResultSet} either way when the plan is
   * cacheable. With a shared tier every answer is checked against the tier's current stamp (one round trip);
   * when the tier cannot be reached the read goes to the database and nothing is stored (fail-open).
   */
  ResultSet read(StatementPlan plan, String sql, List<Object> values, Statement owner, TransactionWrites tx,
      Query query) throws SQLException {
    if (!plan.cacheable() || values == null || tx.bypasses(plan)) {
      return query.run();
    }
    CacheKey key = new CacheKey(sql, values);
    List<String> tables = new ArrayList<>(plan.tables());
    // Taken before anything is looked up or queried: a write committed after this moment outdates what we store.
    long[] before = versions.snapshot(tables);
    CacheEntry entry = entries.getIfPresent(key);
    SharedStamp stamp = null;
    String hash = null;
    if (shared != null) {
      hash = RowsCodec.keyHash(tx.namespace(), key);
      SharedTier.Lookup found = shared.lookup(tx.namespace(), tables, entry == null ? hash : null);
      if (found != null && entry != null && !current(entry, found.stamp())) {
        drop(plan, key, entry);
        entry = null;
        // Outdated here: another instance may have stored the current rows since (a second round trip, still
        // cheaper than the query).
        found = shared.lookup(tx.namespace(), tables, hash);
      }
      if (found == null) {
        counters.miss(plan);
        return query.run();
      }
      stamp = found.stamp();
      RowsCodec.Entry remote = shared.current(found, plan.ttl());
      if (remote != null) {
        entries.put(key, new CacheEntry(remote.rows(), plan.fingerprint().id(), tables, before, stamp,
            SharedReads.leftNanos(remote, plan.ttl())));
        counters.hit(plan);
        return InMemoryResultSet.of(remote.rows(), owner, null);
      }
    }
    if (entry != null) {
      if (current(entry, stamp)) {
        counters.hit(plan);
        return InMemoryResultSet.of(entry.rows(), owner, null);
      }
      drop(plan, key, entry);
    }
    counters.miss(plan);
    long readAtMillis = System.currentTimeMillis();
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
      entries.put(key, new CacheEntry(rows, plan.fingerprint().id(), tables, before, stamp, plan.ttl().toNanos()));
      if (shared != null) {
        shared.store(tx.namespace(), tables, hash, new RowsCodec.Entry(stamp, readAtMillis, rows), plan.ttl());
      }
    }
    return InMemoryResultSet.of(rows, owner, null);
  }

  /** Whether a local entry is current: no local write moved its tables, and its shared stamp is the tier's. */
  private boolean current(CacheEntry entry, SharedStamp stamp) {
    return versions.current(entry.tables(), entry.versions()) && Objects.equals(entry.stamp(), stamp);
  }

  private void drop(StatementPlan plan, CacheKey key, CacheEntry entry) {
    entries.asMap().remove(key, entry);
    counters.invalidated(plan.fingerprint().id());
  }

  /**
   * Writes to these tables were committed: entries reading them are outdated from now on, here and, once the
   * shared tier has been told (before this returns, unless it is unreachable), on every instance.
   */
  void committed(String namespace, Set<String> tables, boolean everything) {
    if (everything) {
      versions.writtenEverything();
    } else {
      versions.written(tables);
      tables.forEach(counters::written);
    }
    if (shared != null) {
      shared.published(namespace, tables, everything);
    }
  }

  /** The shared tier's counts, or null without one. */
  public SharedTierStatistics sharedStatistics() {
    return shared == null ? null : shared.statistics();
  }

  /**
   * The name of the database behind {@code connection} in the shared tier: the application's name for it, or
   * its URL without parameters and the user, with the JVM's time zone (drivers turn {@code timestamp} columns
   * into {@code java.sql.Timestamp} in that zone, so instances in other zones must not share entries). Hashed:
   * a URL may hold a password.
   */
  String namespaceOf(java.sql.Connection connection) throws SQLException {
    if (shared == null) {
      return "";
    }
    String database = options.database();
    if (database == null) {
      java.sql.DatabaseMetaData meta = connection.getMetaData();
      String url = String.valueOf(meta.getURL());
      int params = url.indexOf('?');
      database = (params < 0 ? url : url.substring(0, params)) + "|" + meta.getUserName();
    }
    String namespace = RowsCodec.sha256(database + "|" + java.util.TimeZone.getDefault().getID()).substring(0, 16);
    namespaces.add(namespace);
    return namespace;
  }
}
