package io.querydoctor.monitor.store;

import io.querydoctor.monitor.pgbouncer.PoolState;
import io.querydoctor.monitor.pgbouncer.PoolerSample;
import io.querydoctor.monitor.pgbouncer.PoolerStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Writes one PgBouncer sample (its pools, its statistics' deltas) in one transaction. */
final class PoolerRows {

  private PoolerRows() {
  }

  static void insert(Connection c, PoolerSample sample) throws SQLException {
    c.setAutoCommit(false);
    try {
      pools(c, sample);
      stats(c, sample);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void pools(Connection c, PoolerSample sample) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("""
        INSERT INTO qd_monitor.pooler_pool (pooler, at, ok, error, database, username, cl_active, cl_waiting,
          sv_active, sv_idle, sv_used, max_wait_s, pool_mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      if (!sample.ok()) {
        row(insert, sample);
        for (int i = 5; i <= 13; i++) {
          insert.setNull(i, i == 12 ? Types.DOUBLE : i >= 7 && i <= 11 ? Types.BIGINT : Types.VARCHAR);
        }
        insert.addBatch();
      }
      for (PoolState p : sample.pools()) {
        row(insert, sample);
        insert.setString(5, p.database());
        insert.setString(6, p.user());
        insert.setLong(7, p.clientsActive());
        insert.setLong(8, p.clientsWaiting());
        insert.setLong(9, p.serversActive());
        insert.setLong(10, p.serversIdle());
        insert.setLong(11, p.serversUsed());
        insert.setDouble(12, p.maxWaitSeconds());
        insert.setString(13, p.poolMode());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void row(PreparedStatement insert, PoolerSample sample) throws SQLException {
    insert.setString(1, sample.pooler());
    HistoryStore.setInstant(insert, 2, sample.at());
    insert.setBoolean(3, sample.ok());
    insert.setString(4, sample.error());
  }

  private static void stats(Connection c, PoolerSample sample) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("""
        INSERT INTO qd_monitor.pooler_stats (pooler, at, database, transactions, queries, wait_us, xact_us, query_us)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (PoolerStats s : sample.stats()) {
        insert.setString(1, sample.pooler());
        HistoryStore.setInstant(insert, 2, sample.at());
        insert.setString(3, s.database());
        insert.setLong(4, s.transactions());
        insert.setLong(5, s.queries());
        insert.setLong(6, s.waitMicros());
        insert.setLong(7, s.transactionMicros());
        insert.setLong(8, s.queryMicros());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
