package io.querydoctor.orm;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.detect.DetectorThresholds;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.orm.library.Account;
import io.querydoctor.orm.library.Book;
import io.querydoctor.orm.library.Branch;
import io.querydoctor.orm.library.LibraryApp;
import io.querydoctor.orm.library.Loan;
import io.querydoctor.orm.library.Publisher;
import io.querydoctor.orm.library.Visit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/**
 * The test application's infrastructure, as an application would set it up: the library schema and data on the
 * embedded PostgreSQL, a HikariCP pool wrapped by {@code QueryDoctor.wrap(hikari)} (capturing into the JVM-wide
 * session), and Hibernate session factories over it in the configurations the cases need.
 */
final class Library implements AutoCloseable {

  static final int BRANCHES = 400;
  static final int BOOKS = 800;
  static final int PUBLISHERS = 20;
  /**
   * The default thresholds, except slow-query's: these tests judge what an ORM sends, and a statement's wall
   * time on a loaded CI machine crosses the default 100 ms now and then (a 50-key batch fetch took 117 ms once in
   * seven runs of the suite), which says nothing about the pattern. A CI gate on a shared runner would do the same.
   */
  static final DetectorThresholds THRESHOLDS = DetectorThresholds.defaults().withSlowQueryMillis(2_000);

  private final HikariDataSource hikari;
  private final DataSource dataSource;
  private final Map<String, SessionFactory> factories = new HashMap<>();

  private Library(HikariDataSource hikari) {
    this.hikari = hikari;
    this.dataSource = QueryDoctor.wrap(hikari);
  }

  /** Creates the schema and data and installs a fresh JVM-wide capture session. */
  static Library open(TestDatabase db) throws SQLException {
    return open(db, CaptureSession.start(CaptureOptions.builder().thresholds(THRESHOLDS).build()));
  }

  /**
   * As above, capturing into {@code session}: the pool is wrapped once, so it captures into the session that
   * is the JVM-wide one when the library opens.
   */
  static Library open(TestDatabase db, CaptureSession session) throws SQLException {
    QueryDoctor.install(session);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS book, branch, publisher, loan, visit, account CASCADE");
      st.execute("DROP SEQUENCE IF EXISTS loan_seq, visit_seq");
      st.execute("CREATE TABLE branch (id bigint PRIMARY KEY, name text NOT NULL)");
      st.execute("CREATE TABLE publisher (id bigint PRIMARY KEY, name text NOT NULL)");
      st.execute("CREATE TABLE book (id bigint PRIMARY KEY, title text NOT NULL, "
          + "branch_id bigint REFERENCES branch, publisher_id bigint REFERENCES publisher)");
      st.execute("CREATE INDEX ON book (branch_id)");
      st.execute("CREATE TABLE loan (id bigint PRIMARY KEY, bookid bigint, member text)");
      st.execute("CREATE TABLE visit (id bigint PRIMARY KEY, branchid bigint, member text)");
      st.execute("CREATE TABLE account (id bigint PRIMARY KEY, balance bigint NOT NULL)");
      st.execute("CREATE SEQUENCE loan_seq INCREMENT BY 1");
      st.execute("CREATE SEQUENCE visit_seq INCREMENT BY 50");
      st.execute("INSERT INTO branch SELECT g, 'branch ' || g FROM generate_series(1, " + BRANCHES + ") g");
      st.execute("INSERT INTO publisher SELECT g, 'publisher ' || g FROM generate_series(1, " + PUBLISHERS + ") g");
      // Two books per branch; publishers cycle, so any 20 consecutive books name all of them.
      st.execute("INSERT INTO book SELECT g, 'book ' || g, (g - 1) / 2 + 1, (g - 1) % " + PUBLISHERS + " + 1 "
          + "FROM generate_series(1, " + BOOKS + ") g");
      st.execute("INSERT INTO account SELECT g, 0 FROM generate_series(1, 10) g");
      st.execute("ANALYZE");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.user());
    config.setMaximumPoolSize(4);
    config.setPoolName("library");
    return new Library(new HikariDataSource(config));
  }

  /** The wrapped pool the application uses. */
  DataSource dataSource() {
    return dataSource;
  }

  /** Hibernate with its defaults: no batch fetching, no JDBC batching. */
  LibraryApp plain() {
    return app("plain", Map.of());
  }

  /** Batch fetching of lazy collections and to-one associations, {@code size} keys per query. */
  LibraryApp batchFetching(int size) {
    return app("batch-fetch-" + size, Map.of("hibernate.default_batch_fetch_size", Integer.toString(size)));
  }

  /** JDBC batching of inserts and updates, ordered so that one batch holds one table's rows. */
  LibraryApp batchedWrites() {
    return app("batched-writes", Map.of("hibernate.jdbc.batch_size", "50", "hibernate.order_inserts", "true",
        "hibernate.order_updates", "true"));
  }

  private LibraryApp app(String name, Map<String, String> settings) {
    return new LibraryApp(factories.computeIfAbsent(name, n -> sessionFactory(settings)));
  }

  private SessionFactory sessionFactory(Map<String, String> extra) {
    Map<String, Object> settings = new HashMap<>(extra);
    settings.put("hibernate.connection.datasource", dataSource);
    settings.put("hibernate.hbm2ddl.auto", "none");
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
    return new MetadataSources(registry).addAnnotatedClasses(Branch.class, Book.class, Publisher.class,
        Loan.class, Visit.class, Account.class).buildMetadata().buildSessionFactory();
  }

  @Override
  public void close() {
    factories.values().forEach(SessionFactory::close);
    hikari.close();
  }
}
