package io.querydoctor.remedies.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.querydoctor.core.sql.SqlDialect;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the result cache may keep, and for how long. Nothing is cached unless opted in: a read is cached when
 * its fingerprint is listed, or when every table it reads is listed; a never-cache table or fingerprint wins
 * over both (the runbooks' "inventory changes constantly" case).
 *
 * <p>The TTL bounds how stale an entry can be after a write the JVM does not see (another application, a
 * trigger, psql); writes through the cached data source invalidate at once.
 */
public final class CacheOptions {

  private final Set<String> tables;
  private final Set<String> fingerprints;
  private final Set<String> neverTables;
  private final Set<String> neverFingerprints;
  private final Duration defaultTtl;
  private final Map<String, Duration> tableTtls;
  private final Map<String, Duration> fingerprintTtls;
  private final long maxWeightBytes;
  private final int maxRowsPerResult;
  private final SqlDialect dialect;
  private final Ticker ticker;
  private final SharedTier shared;
  private final String database;

  private CacheOptions(Builder b) {
    this.tables = Set.copyOf(b.tables);
    this.fingerprints = Set.copyOf(b.fingerprints);
    this.neverTables = Set.copyOf(b.neverTables);
    this.neverFingerprints = Set.copyOf(b.neverFingerprints);
    this.defaultTtl = b.defaultTtl;
    this.tableTtls = Map.copyOf(b.tableTtls);
    this.fingerprintTtls = Map.copyOf(b.fingerprintTtls);
    this.maxWeightBytes = b.maxWeightBytes;
    this.maxRowsPerResult = b.maxRowsPerResult;
    this.dialect = b.dialect;
    this.ticker = b.ticker;
    this.shared = b.shared;
    this.database = b.database;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether a read of {@code readTables} with fingerprint {@code fingerprintId} may be cached. */
  boolean allows(String fingerprintId, Set<String> readTables) {
    if (neverFingerprints.contains(fingerprintId) || readTables.stream().anyMatch(neverTables::contains)) {
      return false;
    }
    return fingerprints.contains(fingerprintId) || !readTables.isEmpty() && tables.containsAll(readTables);
  }

  /** The TTL of a read: its fingerprint's, else the shortest of its tables', else the default. */
  Duration ttl(String fingerprintId, Set<String> readTables) {
    Duration own = fingerprintTtls.get(fingerprintId);
    if (own != null) {
      return own;
    }
    return readTables.stream().map(tableTtls::get).filter(Objects::nonNull).min(Duration::compareTo)
        .orElse(defaultTtl);
  }

  long maxWeightBytes() {
    return maxWeightBytes;
  }

  int maxRowsPerResult() {
    return maxRowsPerResult;
  }

  SqlDialect dialect() {
    return dialect;
  }

  Ticker ticker() {
    return ticker;
  }

  /** The tier shared with other instances, or null. */
  SharedTier shared() {
    return shared;
  }

  /** The database's identity in the shared tier as the application named it, or null (taken from the URL). */
  String database() {
    return database;
  }

  /** Fluent construction; table names are compared without quotes, case or schema. */
  public static final class Builder {
    private final Set<String> tables = new HashSet<>();
    private final Set<String> fingerprints = new HashSet<>();
    private final Set<String> neverTables = new HashSet<>();
    private final Set<String> neverFingerprints = new HashSet<>();
    private Duration defaultTtl = Duration.ofMinutes(1);
    private final Map<String, Duration> tableTtls = new HashMap<>();
    private final Map<String, Duration> fingerprintTtls = new HashMap<>();
    private long maxWeightBytes = 64L << 20;
    private int maxRowsPerResult = 1_000;
    private SqlDialect dialect = SqlDialect.POSTGRESQL;
    private Ticker ticker = Ticker.systemTicker();
    private SharedTier shared;
    private String database;

    /** Reads whose every table is one of these are cached. */
    public Builder tables(String... names) {
      for (String name : names) {
        tables.add(StatementPlanner.unqualified(name));
      }
      return this;
    }

    /** As {@link #tables}, with a TTL of their own. */
    public Builder table(String name, Duration ttl) {
      tables(name);
      tableTtls.put(StatementPlanner.unqualified(name), positive(ttl));
      return this;
    }

    /** Reads of this shape (a fingerprint id, as findings and {@code CacheStatistics} show it) are cached. */
    public Builder fingerprint(String id, Duration ttl) {
      fingerprints.add(id);
      fingerprintTtls.put(id, positive(ttl));
      return this;
    }

    /** Never cache a read of these tables, whatever else is listed. */
    public Builder neverCacheTables(String... names) {
      for (String name : names) {
        neverTables.add(StatementPlanner.unqualified(name));
      }
      return this;
    }

    /** Never cache reads of these fingerprints. */
    public Builder neverCacheFingerprints(String... ids) {
      neverFingerprints.addAll(Set.of(ids));
      return this;
    }

    public Builder defaultTtl(Duration ttl) {
      this.defaultTtl = positive(ttl);
      return this;
    }

    /** Bound on the estimated memory of all entries (default 64 MiB); least recently used go first. */
    public Builder maxWeightBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxWeightBytes must be positive: " + bytes);
      }
      this.maxWeightBytes = bytes;
      return this;
    }

    /** A result with more rows is returned as read and not cached (default 1 000). */
    public Builder maxRowsPerResult(int rows) {
      if (rows <= 0) {
        throw new IllegalArgumentException("maxRowsPerResult must be positive: " + rows);
      }
      this.maxRowsPerResult = rows;
      return this;
    }

    public Builder dialect(SqlDialect value) {
      this.dialect = Objects.requireNonNull(value, "dialect");
      return this;
    }

    /** The clock of TTLs (tests advance a fake one). */
    public Builder ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker");
      return this;
    }

    /**
     * A second tier shared by every instance of the application (e.g. {@link RedisTier}): entries one instance
     * read are answered to the others, and a write committed through any instance makes every instance drop
     * the entries reading its tables. The local tier stays in front.
     */
    public Builder shared(RedisTier tier) {
      this.shared = Objects.requireNonNull(tier, "tier");
      return this;
    }

    /**
     * The database's name in the shared tier, when the instances reach it by different URLs (a load balancer,
     * another host name). By default it is the connection URL without its parameters and the user name.
     */
    public Builder sharedDatabaseName(String name) {
      this.database = Objects.requireNonNull(name, "name");
      return this;
    }

    /** For tests: a shared tier of another kind. */
    Builder sharedTier(SharedTier tier) {
      this.shared = Objects.requireNonNull(tier, "tier");
      return this;
    }

    public CacheOptions build() {
      return new CacheOptions(this);
    }

    private static Duration positive(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("a TTL must be positive: " + ttl);
      }
      return ttl;
    }
  }
}
