package io.querydoctor.remedies.split;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Read/write split hygiene: the application tells which of its data sources reach the primary and which a
 * replica; within one unit of work (the innermost open capture {@link Scope}) a read sent to a replica of a
 * table written to the primary earlier in that scope is a read-your-writes risk — the replica may not have
 * replayed the write yet — and becomes a {@code read-after-write-replica} finding, with the replica's lag when
 * it can be observed.
 *
 * <pre>{@code
 * ReadWriteSplit split = ReadWriteSplit.create(QueryDoctor.session());
 * DataSource primary = split.primary(QueryDoctor.wrap(primaryPool));
 * DataSource replica = split.replica(QueryDoctor.wrap(replicaPool), ReplicaLag.postgres(replicaPool));
 * split.findings();
 * }</pre>
 *
 * <p>Design note: the check needs no server access and no change to what capture records: each wrapper knows
 * its role because the application said so, and a write's tables (from JSqlParser) are remembered per scope id
 * in a bounded map that forgets scopes idle for five minutes. Statements outside any scope are not judged (as
 * the other per-unit-of-work rules). Tables compare without schema.
 */
public final class ReadWriteSplit {

  public static final String RULE = "read-after-write-replica";

  /** Which server a data source reaches. */
  enum Role { PRIMARY, REPLICA }

  /** Which server one connection reaches, decided when a statement runs on it. */
  @FunctionalInterface
  interface RoleOf {
    Role of(java.sql.Connection connection) throws java.sql.SQLException;
  }

  private final CaptureSession session;
  private final SplitStatements statements = new SplitStatements();
  private final Cache<Long, Map<String, Long>> writesByScope = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterAccess(5, TimeUnit.MINUTES).build();
  private final Map<String, SplitObservation> byTable = new ConcurrentHashMap<>();

  private ReadWriteSplit(CaptureSession session) {
    this.session = session;
  }

  /** A check over the scopes of {@code session} (the one the capturing data sources record into). */
  public static ReadWriteSplit create(CaptureSession session) {
    return new ReadWriteSplit(Objects.requireNonNull(session, "session"));
  }

  /** {@code dataSource} marked as reaching the primary: its writes are remembered per scope. */
  public DataSource primary(DataSource dataSource) {
    return new SplitDataSource(Objects.requireNonNull(dataSource, "dataSource"), this, c -> Role.PRIMARY,
        ReplicaLag.unknown());
  }

  /** {@code dataSource} marked as reaching a replica, whose lag {@code lag} observes. */
  public DataSource replica(DataSource dataSource, ReplicaLag lag) {
    return new SplitDataSource(Objects.requireNonNull(dataSource, "dataSource"), this, c -> Role.REPLICA,
        Objects.requireNonNull(lag, "lag"));
  }

  /**
   * {@code dataSource} routing by the connection's read-only flag, as Spring's routing data sources do with
   * {@code @Transactional(readOnly = true)}: statements on a connection whose {@code isReadOnly()} is true when
   * they run count as replica reads, the others as primary statements.
   */
  public DataSource routedByReadOnly(DataSource dataSource, ReplicaLag lag) {
    return new SplitDataSource(Objects.requireNonNull(dataSource, "dataSource"), this,
        c -> c.isReadOnly() ? Role.REPLICA : Role.PRIMARY, Objects.requireNonNull(lag, "lag"));
  }

  /** One {@code read-after-write-replica} finding per table read from a replica after a write in its scope. */
  public List<Finding> findings() {
    return byTable.values().stream().map(SplitObservation::finding).toList();
  }

  /** Called before a statement runs on a replica, after it succeeded on the primary; never throws. */
  void executed(String sql, Role role, SplitDataSource source) {
    try {
      Scope scope = session.currentScope();
      if (scope == null) {
        return;
      }
      SplitStatements.Meaning meaning = statements.of(sql);
      if (meaning.tables().isEmpty()) {
        return;
      }
      long now = System.nanoTime();
      if (role == Role.PRIMARY && meaning.write()) {
        Map<String, Long> written = writesByScope.get(scope.id(), id -> new ConcurrentHashMap<>());
        meaning.tables().forEach(t -> written.put(t, now));
      } else if (role == Role.REPLICA && meaning.read()) {
        Map<String, Long> written = writesByScope.getIfPresent(scope.id());
        if (written == null) {
          return;
        }
        for (String table : meaning.tables()) {
          Long at = written.get(table);
          if (at != null) {
            byTable.computeIfAbsent(table, SplitObservation::new)
                .seen(scope.name(), meaning.fingerprint(), Duration.ofNanos(now - at), source.lagNow());
          }
        }
      }
    } catch (RuntimeException e) {
      // A diagnostician never breaks the application it observes.
    }
  }
}
