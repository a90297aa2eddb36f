package io.querydoctor.cli;

import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.demo.workload.DemoQueries;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import io.querydoctor.remedies.batch.BatchLoader;
import io.querydoctor.remedies.cache.CacheOptions;
import io.querydoctor.remedies.cache.QueryCache;
import io.querydoctor.remedies.cache.ShapeStatistics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code querydoctor demo --remedies}: the demo's "GET /users-with-posts" request (a page of active users, each
 * user's posts one query at a time, and the page read again by the view), run as written and then with the
 * querydoctor-remedies fixes on — a {@link BatchLoader} for the posts and a {@link QueryCache} for the users
 * page — each run captured the way an application would, so the detectors judge both.
 */
final class RemediesDemo {

  /** Requests per run: enough for the cache to answer from the second on, few enough for scale 1's scans. */
  static final int REQUESTS = 3;
  static final String REQUEST = "GET /users-with-posts";

  /** One run: statements that reached the database, wall-clock time, what the capture detectors found. */
  record Run(long statements, double millis, List<Finding> findings) {
    boolean reports(String ruleId) {
      return findings.stream().anyMatch(f -> f.ruleId().equals(ruleId));
    }
  }

  private final EmbeddedServer server;
  private final String database;

  RemediesDemo(EmbeddedServer server, String database) {
    this.server = server;
    this.database = database;
  }

  /** The request as the demo application wrote it; captured to {@code captureFile} when not null. */
  Run withoutRemedies(Path captureFile) throws SQLException {
    try (CaptureSession session = session(captureFile)) {
      DataSource captured = captured(session);
      long start = System.nanoTime();
      for (int i = 0; i < REQUESTS; i++) {
        try (Scope scope = session.scope(REQUEST); Connection c = captured.getConnection()) {
          List<Long> users = Jdbc.ids(c, DemoQueries.ACTIVE_USERS_PAGE);
          for (long user : users) {
            try (PreparedStatement posts = c.prepareStatement(DemoQueries.POSTS_OF_USER)) {
              posts.setLong(1, user);
              Jdbc.drain(posts);
            }
          }
          Jdbc.ids(c, DemoQueries.ACTIVE_USERS_PAGE); // the view reads the page again: the repeated read
        }
      }
      return new Run(session.aggregate().totalCalls(), millisSince(start), session.findings());
    }
  }

  /** The same request with the batch loader and the query cache, through {@code cache}. */
  Run withRemedies(QueryCache cache, Path captureFile) throws SQLException {
    try (CaptureSession session = session(captureFile)) {
      DataSource remedied = cache.wrap(captured(session));
      long start = System.nanoTime();
      for (int i = 0; i < REQUESTS; i++) {
        try (Scope scope = session.scope(REQUEST); Connection c = remedied.getConnection();
            BatchLoader<Long, Long> posts = BatchLoader.<Long, Long>builder(remedied)
                .query("SELECT id, title, created_at, user_id FROM posts WHERE user_id IN (:keys)")
                .key(row -> row.getLong("user_id"))
                .value(row -> row.getLong("id"))
                .build()) {
          List<CompletableFuture<List<Long>>> loaded = new ArrayList<>();
          for (long user : Jdbc.ids(c, DemoQueries.ACTIVE_USERS_PAGE)) {
            loaded.add(posts.load(user));
          }
          posts.dispatch();
          loaded.forEach(CompletableFuture::join);
          Jdbc.ids(c, DemoQueries.ACTIVE_USERS_PAGE);
        }
      }
      return new Run(session.aggregate().totalCalls(), millisSince(start), session.findings());
    }
  }

  /** The cache the remedied run uses: the users page may be up to a minute old (users are not written here). */
  static QueryCache cache() {
    return QueryCache.create(CacheOptions.builder().table("users", Duration.ofMinutes(1)).build());
  }

  /** What the demo prints: the findings of the first run, then before/after and the cache's hit ratio. */
  static String report(Run before, Run after, QueryCache cache) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Remedies at work: %d × %s%n%nWithout remedies the capture reports:%n",
        REQUESTS, REQUEST));
    for (Finding f : before.findings()) {
      out.append("  [").append(f.ruleId()).append("] ").append(f.title()).append('\n');
      if (f.fix().code() != null) {
        out.append("    its fix, with querydoctor-remedies:\n");
        f.fix().code().lines().forEach(line -> out.append("      ").append(line).append('\n'));
      }
    }
    out.append(String.format(Locale.ROOT, "%n%-40s %10s %10s  %s%n", "", "statements", "time", "findings"));
    out.append(row("as written", before));
    out.append(row("with BatchLoader and QueryCache", after));
    out.append(String.format(Locale.ROOT, "%-40s %9.0f× %9.1f×%n", "change", (double) before.statements()
        / Math.max(1, after.statements()), before.millis() / Math.max(0.001, after.millis())));
    for (ShapeStatistics s : cache.statistics()) {
      out.append(String.format(Locale.ROOT, "%nquery cache: %d lookups, %d hits, %d misses, hit ratio %.0f %% (%s)",
          s.lookups(), s.hits(), s.misses(), s.hitRatio() * 100, s.example()));
    }
    out.append("\n\nThe fixes: docs/remedies.md (BatchLoader, QueryCache); the n-plus-one finding's fix shows the "
        + "BatchLoader code for its query.\n");
    return out.toString();
  }

  private static String row(String label, Run run) {
    List<String> rules = run.findings().stream().map(Finding::ruleId).distinct().toList();
    return String.format(Locale.ROOT, "%-40s %10d %8.0f ms  %s%n", label, run.statements(), run.millis(),
        rules.isEmpty() ? "none" : String.join(", ", rules));
  }

  private static CaptureSession session(Path captureFile) {
    return CaptureSession.start(CaptureOptions.builder().callSites(CallSiteMode.ON_REPEAT).slowQueryLog(false)
        .excludeFromCallSites(Jdbc.class.getName()).captureFile(captureFile).build());
  }

  private DataSource captured(CaptureSession session) {
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setUrl(server.jdbcUrl(database));
    plain.setUser(EmbeddedServer.SUPERUSER);
    return QueryDoctor.wrap(plain, WrapOptions.defaults().withSession(session).withPooled(true));
  }

  /** The demo's JDBC plumbing; excluded from call sites, so findings name the request method that called it. */
  private static final class Jdbc {
    private static List<Long> ids(Connection c, String sql) throws SQLException {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement statement = c.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }

    private static void drain(PreparedStatement statement) throws SQLException {
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rs.getLong(1);
        }
      }
    }
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
