package io.querydoctor.core.capture;

import io.querydoctor.core.detect.DetectionEngine;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.FingerprintCache;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub of capture: the JDBC layer reports connections, statements and transactions here; scopes are opened
 * here; the listener pipeline (aggregate, detectors, slow-query log, capture file, the user's listeners) is
 * fed from here. This is the entry point for embedding:
 *
 * <pre>{@code
 * CaptureSession session = CaptureSession.start(CaptureOptions.defaults());
 * DataSource ds = QueryDoctor.wrap(pool, session);          // querydoctor-jdbc
 * try (Scope scope = session.scope("GET /users")) { ... }
 * List<Finding> findings = session.findings();             // aggregated per (scope name, fingerprint)
 * List<FingerprintSummary> top = session.aggregate().summaries();
 * }</pre>
 *
 * <p>Fail-open: the methods the JDBC layer calls never throw; a failure inside capture is logged once and the
 * statement is simply not recorded.
 */
public final class CaptureSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CaptureSession.class);

  private final CaptureOptions options;
  private final ListenerPipeline pipeline;
  private final WorkloadAggregate aggregate;
  private final DetectionEngine detections;
  // A scope's statements reach the aggregate together, when it closes, at one lock per run of a fingerprint
  // instead of one per statement; in a scope that stays open they are added at the first statement a second
  // or more after the last addition, so the aggregate lags an open scope by about that much.
  private static final long AGGREGATE_LAG_NANOS = 1_000_000_000L;
  // The innermost open scope per thread, in a mutable cell: opening and closing a scope (once per request)
  // then write a field instead of setting and removing thread-local entries. The cell is found through a
  // one-entry cache (the last cell used by a connection, or to open a scope) checked against the calling thread,
  // since a thread-local lookup costs about 15 ns here, as much as the rest of recording a statement in a scope.
  private final ThreadLocal<ThreadScope> threadScopes = ThreadLocal.withInitial(ThreadScope::new);
  // Racy by design: a cell seen by another thread is recognised by its owner and not used.
  private ThreadScope lastOpened;
  // Until the first scope opens no thread can have one: statements then skip the thread-local lookup.
  private volatile boolean scopesOpened;
  private final AtomicLong scopeIds = new AtomicLong();
  private final AtomicLong connectionIds = new AtomicLong();
  private final AtomicLong captureFailures = new AtomicLong();
  private final CallSiteFinder callSiteFinder;
  private final FingerprintCache postgresCache;
  private final FingerprintCache mysqlCache;
  private final long slowNanos;
  // The call-site mode as two flags: a switch on the enum reads the constant's ordinal and a switch table, loads
  // that often miss the cache after a statement on a real database.
  private final boolean callSitesAlways;
  private final boolean callSitesOnRepeat;
  // As in the JDBC layer's statement capture: scopes open and close around statements on a real database, after
  // which the options and ticker objects are often out of the cache, so the system clock is read directly.
  private final boolean systemClock;
  private final CaptureFileWriter captureFile;
  // Whether a listener was added (the capture file's or the user's). Only such a listener wants a statement its
  // scope keeps that is not slow: the aggregate takes it with its scope, the detectors examine it when the scope
  // closes, and the slow-query log skips it. Decided here, the usual statement in a scope does not touch the
  // pipeline, its listener array and the slow-query log, which after a statement on a real database are often
  // out of the cache. Volatile so that an added listener is seen at once.
  private volatile boolean scopedStatementsListened;

  private CaptureSession(CaptureOptions options) {
    this.options = options;
    this.aggregate = new WorkloadAggregate(options.maxFingerprints());
    this.detections = new DetectionEngine(options.thresholds(), options.maxFingerprints());
    this.callSiteFinder = new CallSiteFinder(options.callSiteExclusions());
    this.postgresCache = new FingerprintCache(SqlFingerprinter.of(SqlDialect.POSTGRESQL),
        options.maxCachedStatements(), options.maxCachedTextChars());
    this.mysqlCache = new FingerprintCache(SqlFingerprinter.of(SqlDialect.MYSQL), options.maxCachedStatements(),
        options.maxCachedTextChars());
    this.slowNanos = options.thresholds().slowQueryMillis() * 1_000_000L;
    this.callSitesAlways = options.callSites() == CallSiteMode.ALWAYS;
    this.callSitesOnRepeat = options.callSites() == CallSiteMode.ON_REPEAT;
    this.systemClock = options.ticker() == Ticker.system();
    this.pipeline = new ListenerPipeline(aggregate, detections,
        options.slowQueryLog() ? new SlowQueryLog(options.thresholds().slowQueryMillis()) : null);
    this.captureFile = options.captureFile() == null ? null
        : CaptureFileWriter.open(options.captureFile(), options.captureLiterals(), options.captureQueueCapacity());
    if (captureFile != null) {
      addListener(captureFile);
    }
  }

  public static CaptureSession start(CaptureOptions options) {
    return new CaptureSession(options);
  }

  public CaptureOptions options() {
    return options;
  }

  /** Adds a listener; it is guarded like every other (its exceptions are logged and swallowed). */
  public void addListener(CaptureListener listener) {
    pipeline.add(listener);
    scopedStatementsListened = true;
  }

  /** Opens a scope named {@code name} on the calling thread, nested in the current one if any. */
  public Scope scope(String name) {
    return openScope(name == null ? "(unnamed)" : name, ScopeKind.EXPLICIT);
  }

  /** The innermost open scope of the calling thread, or {@code null}. */
  public Scope currentScope() {
    return scopesOpened ? threadScopes.get().scope : null;
  }

  /** As {@link #currentScope()}, for a statement on {@code connection}, through the connection's cached cell. */
  private Scope currentScope(ConnectionTracker connection) {
    if (!scopesOpened) {
      return null;
    }
    ThreadScope cell = connection.threadScope;
    if (cell == null || cell.thread != Thread.currentThread()) {
      cell = threadScopes.get();
      connection.threadScope = cell;
    }
    return cell.scope;
  }

  /** The per-fingerprint aggregate (live). */
  public WorkloadAggregate aggregate() {
    return aggregate;
  }

  /**
   * The detectors' aggregated findings so far, ranked by impact. They accumulate for the life of the session
   * (the JVM, for {@code QueryDoctor.session()}) until {@link #reset()}.
   */
  public List<Finding> findings() {
    return detections.findings();
  }

  /**
   * The findings of the scopes named {@code scopeName} only — whatever the finding's subject (a query shape, the
   * scope itself, a transaction in it) — aggregated over every run of that name since the last reset.
   */
  public List<Finding> findings(String scopeName) {
    return detections.findings(java.util.Objects.requireNonNull(scopeName, "scopeName"));
  }

  /**
   * Forgets the findings so far (detections, run counts, the captured time window): between tests, or after a
   * report. The per-fingerprint aggregate is kept; scopes still open are judged when they close.
   */
  public void reset() {
    detections.reset();
  }

  public DetectionEngine detections() {
    return detections;
  }

  /** Times a listener threw, plus failures inside capture itself; 0 in a healthy session. */
  public long failures() {
    return pipeline.failures() + captureFailures.get();
  }

  /**
   * Events the capture file could not take (queue full, or the file failed: lines still buffered or cut off by the
   * failure count too); 0 when every event was written. Once the session is closed, every event offered to the
   * file is either here or in {@link #captureFileWritten()}.
   */
  public long captureFileDropped() {
    return captureFile == null ? 0 : captureFile.dropped();
  }

  /** Events written to the capture file as whole lines so far. */
  public long captureFileWritten() {
    return captureFile == null ? 0 : captureFile.written();
  }

  /** Cached fingerprint of {@code sql}. */
  public Fingerprint fingerprint(String sql, SqlDialect dialect) {
    return fingerprintEntry(sql, dialect).fingerprint();
  }

  FingerprintCache.Entry fingerprintEntry(String sql, SqlDialect dialect) {
    return (dialect == SqlDialect.MYSQL ? mysqlCache : postgresCache).entry(sql);
  }

  /**
   * A connection was opened (or borrowed); returns its tracker. {@code physical} is false for connections
   * borrowed from a pool, which do not count toward {@code connection-churn}. Never throws.
   */
  public ConnectionTracker connectionOpened(SqlDialect dialect, boolean physical, boolean autoCommit) {
    try {
      Scope scope = currentScope();
      if (physical && scope != null) {
        scope.connectionOpened();
      }
    } catch (RuntimeException e) {
      failed(e);
    }
    return new ConnectionTracker(this, connectionIds.incrementAndGet(), dialect, autoCommit);
  }

  Scope openScope(String name, ScopeKind kind) {
    if (!scopesOpened) {
      scopesOpened = true;
    }
    ThreadScope cell = lastOpened;
    if (cell == null || cell.thread != Thread.currentThread()) {
      cell = threadScopes.get();
      lastOpened = cell;
    }
    Scope scope = new Scope(this, cell, cell.nextScopeId(scopeIds), name, kind, now(),
        options.maxStatementsPerScope());
    cell.scope = scope;
    return scope;
  }

  /**
   * Opens a branch of {@code owner} on the calling thread (see {@link Scope#wrap(Runnable)}); null, and nothing
   * opened, on the owner's own thread or once the owner has closed. Never throws.
   */
  Scope openBranch(Scope owner) {
    try {
      ThreadScope cell = threadScopes.get();
      if (owner.isClosed() || cell == owner.threadScope()) {
        return null;
      }
      Scope branch = new Scope(this, cell, owner, now(), options.maxStatementsPerScope());
      cell.scope = branch;
      return branch;
    } catch (RuntimeException e) {
      failed(e);
      return null;
    }
  }

  /**
   * {@code executor} made to run each task inside the scope that was current on the thread that handed it over
   * (see {@link Scope#wrap(Runnable)}): work spread over a pool, or chained with {@code CompletableFuture}'s
   * {@code *Async(…, executor)} methods, is judged as one unit of work. Tasks handed over outside any scope run
   * as they are.
   */
  public java.util.concurrent.Executor propagate(java.util.concurrent.Executor executor) {
    java.util.Objects.requireNonNull(executor, "executor");
    return task -> {
      Scope scope = currentScope();
      executor.execute(scope == null ? task : scope.wrap(task));
    };
  }

  void closeScope(Scope scope) {
    try {
      ThreadScope cell = scope.threadScope();
      Scope top = cell.scope;
      while (top != null && top != scope && isInside(top, scope)) {
        closeOne(top, cell);
        top = cell.scope;
      }
      closeOne(scope, cell);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private static boolean isInside(Scope inner, Scope outer) {
    for (Scope s = inner.parent(); s != null; s = s.parent()) {
      if (s == outer) {
        return true;
      }
    }
    return false;
  }

  private void closeOne(Scope scope, ThreadScope cell) {
    if (scope.isClosed()) {
      return;
    }
    long now = now();
    try {
      scope.aggregateInto(aggregate, now);
    } catch (RuntimeException e) {
      failed(e);
    }
    ScopeRecord record = scope.finish(now);
    if (cell.scope == scope) {
      cell.scope = scope.parent();
    }
    if (scope.branchOf() != null) {
      // A branch is judged with the scope it carries work for, not on its own.
      scope.branchOf().branchEnded(scope);
      return;
    }
    if (scope.parent() != null && !scope.parent().isClosed()) {
      scope.parent().absorb(record, scope.textChars());
    }
    pipeline.scopeClosed(record);
  }

  private long now() {
    return systemClock ? System.nanoTime() : options.ticker().read();
  }

  /**
   * {@code connection} fingerprinted a statement text it did not fingerprint last: the thread's scope, if any, will
   * hold it (see {@link Scope#chargeText}). Called on that miss path only, never per statement. Never throws.
   */
  void textSeen(ConnectionTracker connection, String sql) {
    try {
      Scope scope = currentScope(connection);
      if (scope != null) {
        scope.chargeText(sql.length());
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** Records one statement: called by {@link ConnectionTracker}. Never throws. */
  StatementEvent statementExecuted(ConnectionTracker connection, String sql, Fingerprint fingerprint,
      int batchSize, long parameterHash, long offset, long startNanos, long elapsedNanos, long consumeNanos,
      long rows, boolean failed, boolean siteDecided, CallSite decidedSite) {
    try {
      Scope scope = currentScope(connection);
      CallSite site = siteDecided ? decidedSite : callSite(scope, fingerprint, elapsedNanos);
      StatementEvent event = new StatementEvent(sql, fingerprint, batchSize, parameterHash, startNanos,
          elapsedNanos, consumeNanos, rows, connection.id(), connection.autoCommit(), failed, offset,
          scope == null ? Thread.currentThread().getName() : scope.thread(), scope == null ? 0 : scope.id(), site);
      boolean kept = scope != null && scope.add(event);
      if (!kept || scopedStatementsListened || elapsedNanos >= slowNanos) {
        pipeline.statementExecuted(event, !kept);
      }
      if (kept && scope.aggregateDue(startNanos, AGGREGATE_LAG_NANOS)) {
        scope.aggregateInto(aggregate, startNanos);
      }
      return event;
    } catch (RuntimeException e) {
      failed(e);
      return null;
    }
  }

  /**
   * The call site of a statement that has just returned from the driver, decided now (at execute time) for a
   * query whose recording waits until its result has been read: the stack then still shows the line that ran
   * it, not the code that finished reading the rows. Never throws.
   */
  CallSite callSiteAtExecute(ConnectionTracker connection, Fingerprint fingerprint, long elapsedNanos) {
    try {
      return callSite(currentScope(connection), fingerprint, elapsedNanos);
    } catch (RuntimeException e) {
      failed(e);
      return null;
    }
  }

  /** The call site of the calling thread now, whatever the mode (a rare event such as a long transaction). */
  CallSite callSiteNow() {
    return callSitesAlways || callSitesOnRepeat ? callSiteFinder.find().orElse(null) : null;
  }

  private CallSite callSite(Scope scope, Fingerprint fingerprint, long elapsedNanos) {
    boolean walk = callSitesAlways || callSitesOnRepeat
        && (elapsedNanos >= slowNanos || (scope != null && scope.occurrence(fingerprint.id()) == 2));
    return walk ? callSiteFinder.find().orElse(null) : null;
  }

  /** A transaction ended: recorded into the thread's scope, or analyzed alone when none is open. */
  void transactionEnded(TransactionRecord transaction) {
    Scope scope = currentScope();
    if (scope != null) {
      scope.add(transaction);
      return;
    }
    long now = now();
    pipeline.scopeClosed(new ScopeRecord(scopeIds.incrementAndGet(), 0, "transaction", ScopeKind.TRANSACTION,
        Thread.currentThread().getName(), transaction.startNanos(), now, List.of(), 0, 0, 0,
        List.of(transaction)));
  }

  /**
   * A thread's innermost open scope; written only by that thread. Connections and the session remember the
   * last cell they used, so a cell can outlive its thread until they are used from another one.
   */
  static final class ThreadScope {
    final Thread thread = Thread.currentThread();
    Scope scope;
    // This thread's block of scope ids, taken from the session's counter ID_BLOCK at a time: an atomic update
    // per scope costs as much as the rest of opening one. Ids stay unique; across threads they are not ordered.
    private long nextId;
    private long idLimit;

    long nextScopeId(AtomicLong ids) {
      if (nextId == idLimit) {
        nextId = ids.getAndAdd(ID_BLOCK) + 1;
        idLimit = nextId + ID_BLOCK;
      }
      return nextId++;
    }
  }

  private static final int ID_BLOCK = 64;

  void failed(Throwable t) {
    if (captureFailures.incrementAndGet() == 1) {
      LOG.warn("QueryDoctor capture failed internally; the statement is not recorded and the application is "
          + "not affected", t);
    }
  }

  /** Flushes and closes the capture file; the aggregate and findings stay readable. */
  @Override
  public void close() {
    pipeline.sessionClosed();
  }
}
