package io.querydoctor.remedies.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import io.querydoctor.remedies.SingleDatabaseSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read/write-split check on a real PostgreSQL. The embedded server has no standby, so the "replica" data
 * source reaches the same server and is a replica because the application says so, which is all the check
 * relies on; {@link ReplicaLag#postgres} then answers "not a standby" (no lag), and a lag of our own stands in
 * for a standby's.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ReadWriteSplitIT {

  private CaptureSession session;
  private ReadWriteSplit split;
  private DataSource primary;
  private DataSource replica;
  private DataSource plain;

  @BeforeEach
  void schema(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS orders, customer");
      st.execute("CREATE TABLE customer (id int PRIMARY KEY, name text)");
      st.execute("CREATE TABLE orders (id int PRIMARY KEY, customer_id int, total int)");
      st.execute("INSERT INTO customer VALUES (1, 'Ada')");
    }
    session = CaptureSession.start(CaptureOptions.defaults());
    split = ReadWriteSplit.create(session);
    plain = new SingleDatabaseSource(db);
    DataSource captured = QueryDoctor.wrap(plain, WrapOptions.defaults().withSession(session));
    primary = split.primary(captured);
    replica = split.replica(captured, () -> Optional.of(Duration.ofMillis(750)));
  }

  @AfterEach
  void close() {
    session.close();
  }

  private static void insertOrder(DataSource ds, int id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, 1, 42)")) {
      ps.setInt(1, id);
      ps.executeUpdate();
    }
  }

  private static int count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void firesWhenAReplicaReadsWhatTheScopeJustWrote() throws SQLException {
    try (Scope scope = session.scope("POST /orders")) {
      insertOrder(primary, 1);
      assertThat(count(replica, "SELECT count(*) FROM orders WHERE customer_id = 1")).isEqualTo(1);
    }

    assertThat(split.findings()).hasSize(1);
    Finding finding = split.findings().get(0);
    assertThat(finding.ruleId()).isEqualTo("read-after-write-replica");
    assertThat(finding.subject().toString()).contains("orders");
    assertThat(finding.title()).contains("POST /orders").contains("replica lag up to 750 ms");
    assertThat(finding.evidence()).extracting(Evidence::name)
        .contains("occurrences", "write_to_read_gap", "replica_lag");
  }

  @Test
  void staysSilentForPrimaryReadsOtherTablesOtherScopesAndNoScope() throws SQLException {
    try (Scope scope = session.scope("POST /orders")) {
      insertOrder(primary, 1);
      count(primary, "SELECT count(*) FROM orders");                 // read-your-writes on the primary
      count(replica, "SELECT count(*) FROM customer");                // another table
    }
    try (Scope scope = session.scope("GET /orders")) {
      count(replica, "SELECT count(*) FROM orders");                  // the write was in another scope
    }
    insertOrder(primary, 2);                                           // no scope at all
    count(replica, "SELECT count(*) FROM orders");

    assertThat(split.findings()).isEmpty();
  }

  @Test
  void postgresLagIsEmptyWithoutStandbys() {
    assertThat(ReplicaLag.postgres(plain).observe()).as("not a standby").isEmpty();
    assertThat(ReplicaLag.postgresFromPrimary(plain).observe()).as("no standby connected").isEmpty();
  }

  /** One read of orders on a connection of {@code ds} with the given read-only flag. */
  private static void readOrders(DataSource ds, boolean readOnly) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setReadOnly(readOnly);
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
        rs.next();
      }
    }
  }

  @Test
  void routedByTheReadOnlyFlagAReadOnlyReadAfterAWriteFires() throws SQLException {
    DataSource routed = split.routedByReadOnly(QueryDoctor.wrap(plain, WrapOptions.defaults().withSession(session)),
        ReplicaLag.unknown());
    try (Scope scope = session.scope("POST /checkout")) {
      insertOrder(routed, 1);
      readOrders(routed, false);   // read-write transaction: stays on the primary
    }
    assertThat(split.findings()).isEmpty();

    try (Scope scope = session.scope("POST /checkout")) {
      insertOrder(routed, 2);
      readOrders(routed, true);    // @Transactional(readOnly = true): the router sends it to a replica
    }
    assertThat(split.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo(ReadWriteSplit.RULE);
      assertThat(f.title()).contains("replica lag not observed");
    });
  }
}
