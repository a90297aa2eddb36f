package io.querydoctor.core.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An open unit of work on one thread — a request, a job, a test, or a transaction. Statements run on the
 * thread while it is the innermost open scope are recorded into it; when it closes its statements are
 * analyzed and also added to the enclosing scope.
 *
 * <pre>{@code
 * try (Scope scope = session.scope("GET /users")) {
 *   ...
 * }
 * ScopeRecord what = scope.record();
 * }</pre>
 *
 * <p>Not thread-safe: a scope belongs to the thread that opened it. Closing is idempotent; closing a scope
 * closes the scopes still open inside it first.
 *
 * <p>Work handed to other threads follows the scope through {@link #wrap(Runnable)} (or
 * {@code CaptureSession.propagate(executor)}): the task runs in a <em>branch</em> of this scope on its worker
 * thread — its statements carry this scope's id, so the rules judge them as this scope's own — and the
 * branch's record joins this scope when the branch ends. The owning thread's recording path is unchanged; a
 * branch that ends after this scope closed is dropped.
 */
public final class Scope implements AutoCloseable {

  private final CaptureSession session;
  private final long id;
  private final String name;
  private final ScopeKind kind;
  private final CaptureSession.ThreadScope threadScope;
  private final Scope parent;
  private final String thread;
  private final long startNanos;
  // Bounds (CaptureOptions): statements kept (maxStatementsPerScope), and characters of SQL text they hold
  // (maxScopeTextChars). The repeat counters and the transactions kept are bounded by maxStatementsPerScope too.
  // Beyond a bound statements are counted, not kept. The bounds are read from the options where used, on paths
  // taken once per new fingerprint or text, so that a scope (one per unit of work) stays small.
  // Characters of the statement texts this scope holds: charged when a connection fingerprints a text it did not
  // fingerprint last (see chargeText), not per statement, so a statement costs no more than the limit check.
  private int textChars;
  // Statements are kept while size < limit: maxStatementsPerScope, lowered to the size when the text bound is hit.
  private int limit;
  // The statements kept, in an array that only grows: a record views a prefix of it (RecordedStatements).
  // Kept here rather than in an object of their own, so recording a statement touches one object fewer.
  private StatementEvent[] statements = new StatementEvent[INITIAL_CAPACITY];
  private int size;
  // Both rarely used: allocated on first use, since a scope may live for only a few statements.
  private List<TransactionRecord> transactions = List.of();
  private Map<String, int[]> occurrences;
  private int statementCount;
  private int droppedTransactions;
  private long databaseNanos;
  private int connectionsOpened;
  // The own statements before this index have been added to the aggregate (see CaptureSession#AGGREGATE_LAG_NANOS).
  private int aggregated;
  private long aggregatedAtNanos;
  private volatile ScopeRecord record;
  // Set for a branch: the scope on another thread whose work this one carries (see wrap).
  private final Scope branchOf;
  // This scope's branches that have ended (closed, so their records are final), taken in when this scope closes,
  // on its own thread.
  private volatile ConcurrentLinkedQueue<Scope> branches;

  private static final int INITIAL_CAPACITY = 16;

  Scope(CaptureSession session, CaptureSession.ThreadScope threadScope, long id, String name, ScopeKind kind,
      long startNanos, int maxStatements) {
    this(session, threadScope, id, name, kind, startNanos, maxStatements, null);
  }

  /** A branch of {@code branchOf} on the calling thread: same id, name and kind. */
  Scope(CaptureSession session, CaptureSession.ThreadScope threadScope, Scope branchOf, long startNanos,
      int maxStatements) {
    this(session, threadScope, branchOf.id, branchOf.name, branchOf.kind, startNanos, maxStatements, branchOf);
  }

  private Scope(CaptureSession session, CaptureSession.ThreadScope threadScope, long id, String name,
      ScopeKind kind, long startNanos, int maxStatements, Scope branchOf) {
    this.branchOf = branchOf;
    this.session = session;
    this.threadScope = threadScope;
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.parent = threadScope.scope;
    this.thread = Thread.currentThread().getName();
    this.startNanos = startNanos;
    this.aggregatedAtNanos = startNanos;
    this.limit = maxStatements;
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ScopeKind kind() {
    return kind;
  }

  Scope parent() {
    return parent;
  }

  /** The name of the thread that opened this scope, which is the one its statements run on. */
  String thread() {
    return thread;
  }

  /** The cell of the thread that opened this scope. */
  CaptureSession.ThreadScope threadScope() {
    return threadScope;
  }

  public boolean isClosed() {
    return record != null;
  }

  /** What the scope recorded, once closed; {@code null} while it is open (see {@link #snapshot()}). */
  public ScopeRecord record() {
    return record;
  }

  /** The record if closed, otherwise what has been recorded so far (end time = now). */
  public ScopeRecord snapshot() {
    ScopeRecord closed = record;
    return closed != null ? closed : toRecord(session.options().ticker().read());
  }

  @Override
  public void close() {
    if (record == null) {
      session.closeScope(this);
    }
  }

  /**
   * How many times {@code fingerprintId} has run in this scope, counting this one. Once
   * {@code maxStatementsPerScope} fingerprints are counted, a new one is not and reads 1 at every run (so its call
   * site is walked only when slow): more distinct fingerprints than the scope keeps statements cannot all be
   * analysed anyway.
   */
  int occurrence(String fingerprintId) {
    if (occurrences == null) {
      occurrences = new HashMap<>();
    }
    int[] count = occurrences.get(fingerprintId);
    if (count == null) {
      if (occurrences.size() >= session.options().maxStatementsPerScope()) {
        return 1;
      }
      count = new int[1];
      occurrences.put(fingerprintId, count);
    }
    // A branch (one task of this scope's work on a pool) counts from its owner's second execution, so the first
    // execution in each branch gets a call site: the branch's statements are judged with the owner's.
    return ++count[0] + (branchOf == null ? 0 : 1);
  }

  /** Fingerprints whose repeats are counted (at most the statement limit). */
  int countedFingerprints() {
    return occurrences == null ? 0 : occurrences.size();
  }

  /**
   * Records a statement run in this scope. Returns true when the scope keeps it: it then reaches the aggregate
   * through {@link #aggregateInto}, not one by one; false when it is beyond the scope's limit.
   */
  boolean add(StatementEvent event) {
    statementCount++;
    databaseNanos += Math.max(0, event.elapsedNanos());
    if (size < limit) {
      keep(event);
      return true;
    }
    return false;
  }

  /**
   * A statement text of {@code length} characters is about to be recorded here: one a connection fingerprints
   * and did not fingerprint last, so a new {@code String} this scope will hold (a loop over one prepared statement
   * charges its text once; two alternating prepared statements, once each). When it does not fit the text bound
   * the scope keeps no further statements.
   */
  void chargeText(int length) {
    if (length > session.options().maxScopeTextChars() - textChars) {
      limit = Math.min(limit, size);
    } else {
      textChars += length;
    }
  }

  /** Characters of statement text charged to this scope. */
  int textChars() {
    return textChars;
  }

  private void keep(StatementEvent event) {
    if (size == statements.length) {
      statements = Arrays.copyOf(statements, size * 2);
    }
    statements[size++] = event;
  }

  /** Whether the statements kept since the last {@link #aggregateInto} are older than {@code lagNanos}. */
  boolean aggregateDue(long nowNanos, long lagNanos) {
    return nowNanos - aggregatedAtNanos >= lagNanos;
  }

  /** Adds the own statements kept since the last call to {@code aggregate}. */
  void aggregateInto(WorkloadAggregate aggregate, long nowNanos) {
    int from = aggregated;
    aggregated = size;
    aggregatedAtNanos = nowNanos;
    aggregate.scopeStatements(statements, from, aggregated, id);
  }

  void add(TransactionRecord transaction) {
    if (transactions.isEmpty()) {
      transactions = new ArrayList<>();
    }
    if (transactions.size() < session.options().maxStatementsPerScope()) {
      transactions.add(transaction);
    } else {
      droppedTransactions++;
    }
  }

  void connectionOpened() {
    connectionsOpened++;
  }

  /**
   * Adds a closed nested scope's statements to this one, with their text ({@code childTextChars}): when that does
   * not fit this scope's text bound, none of them is kept.
   */
  void absorb(ScopeRecord child, int childTextChars) {
    chargeText(childTextChars);
    for (StatementEvent event : child.statements()) {
      if (size < limit) {
        keep(event);
      }
    }
    // Statements count toward the parent's budget; transactions and connection opens stay with the child so
    // that scope-level rules report them once, under the scope they happened in.
    statementCount += child.statementCount();
    databaseNanos += child.databaseNanos();
  }

  ScopeRecord finish(long endNanos) {
    ConcurrentLinkedQueue<Scope> ended = branches;
    if (ended != null) {
      for (Scope branch; (branch = ended.poll()) != null; ) {
        join(branch);
      }
    }
    record = toRecord(endNanos);
    return record;
  }

  /** The scope this one is a branch of, or null. */
  Scope branchOf() {
    return branchOf;
  }

  /** A branch of this scope ended (closed) on another thread; its work joins this scope when it closes. */
  void branchEnded(Scope branch) {
    if (record != null) {
      return;
    }
    ConcurrentLinkedQueue<Scope> ended = branches;
    if (ended == null) {
      synchronized (this) {
        ended = branches;
        if (ended == null) {
          ended = new ConcurrentLinkedQueue<>();
          branches = ended;
        }
      }
    }
    ended.add(branch);
  }

  /**
   * Takes in a closed branch's statements (already in the aggregate), text and transactions, on this scope's
   * thread, within this scope's bounds.
   */
  private void join(Scope closedBranch) {
    ScopeRecord branch = closedBranch.record();
    chargeText(closedBranch.textChars());
    for (StatementEvent event : branch.statements()) {
      if (size < limit) {
        keep(event);
      }
    }
    statementCount += branch.statementCount();
    databaseNanos += branch.databaseNanos();
    connectionsOpened += branch.connectionsOpened();
    branch.transactions().forEach(this::add);
    aggregated = size;
  }

  /**
   * {@code task} made to run inside this scope on whichever thread runs it (an executor's worker, a
   * {@code CompletableFuture}'s pool): its statements count as this scope's own. On this scope's own thread, or
   * once this scope has closed, the task just runs.
   */
  public Runnable wrap(Runnable task) {
    java.util.Objects.requireNonNull(task, "task");
    return () -> {
      Scope branch = session.openBranch(this);
      try {
        task.run();
      } finally {
        if (branch != null) {
          branch.close();
        }
      }
    };
  }

  /** As {@link #wrap(Runnable)}, for a task with a result. */
  public <T> java.util.concurrent.Callable<T> wrap(java.util.concurrent.Callable<T> task) {
    java.util.Objects.requireNonNull(task, "task");
    return () -> {
      Scope branch = session.openBranch(this);
      try {
        return task.call();
      } finally {
        if (branch != null) {
          branch.close();
        }
      }
    };
  }

  private ScopeRecord toRecord(long endNanos) {
    return new ScopeRecord(id, parent == null ? 0 : parent.id, name, kind, thread, startNanos, endNanos,
        new RecordedStatements(statements, size), statementCount, databaseNanos, connectionsOpened,
        transactions, droppedTransactions);
  }

  @Override
  public String toString() {
    return "scope " + name + " #" + id;
  }
}
