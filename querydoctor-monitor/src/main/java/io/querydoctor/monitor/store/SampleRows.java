package io.querydoctor.monitor.store;

import io.querydoctor.monitor.sample.Activity;
import io.querydoctor.monitor.sample.DatabaseCounters;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.sample.StatementCounters;
import io.querydoctor.monitor.sample.TableCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Writes one sample's rows (deltas, activity) inside the caller's transaction. */
final class SampleRows {

  private SampleRows() {
  }

  static void insertDeltas(Connection connection, long sampleId, Sample sample) throws SQLException {
    insertDatabase(connection, sampleId, sample.deltas().database(), sample.ownRollbacks());
    try (PreparedStatement insert = connection.prepareStatement("""
        INSERT INTO qd_monitor.statement_delta (sample_id, queryid, query, calls, total_exec_ms, rows,
          shared_blks_hit, shared_blks_read, temp_blks_written) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (StatementCounters s : sample.deltas().statements()) {
        insert.setLong(1, sampleId);
        insert.setLong(2, s.queryid());
        insert.setString(3, s.query());
        insert.setLong(4, s.calls());
        insert.setDouble(5, s.totalExecMs());
        insert.setLong(6, s.rows());
        insert.setLong(7, s.sharedBlksHit());
        insert.setLong(8, s.sharedBlksRead());
        insert.setLong(9, s.tempBlksWritten());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert = connection.prepareStatement("""
        INSERT INTO qd_monitor.table_delta (sample_id, table_name, seq_scan, idx_scan, n_tup_ins, n_tup_upd,
          n_tup_del, n_dead_tup, n_mod_since_analyze) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (TableCounters t : sample.deltas().tables()) {
        insert.setLong(1, sampleId);
        insert.setString(2, t.name());
        insert.setLong(3, t.seqScan());
        insert.setLong(4, t.idxScan());
        insert.setLong(5, t.nTupIns());
        insert.setLong(6, t.nTupUpd());
        insert.setLong(7, t.nTupDel());
        insert.setLong(8, t.nDeadTup());
        insert.setLong(9, t.nModSinceAnalyze());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertDatabase(Connection connection, long sampleId, DatabaseCounters d, long ownRollbacks)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("""
        INSERT INTO qd_monitor.database_delta (sample_id, xact_commit, xact_rollback, own_rollbacks, blks_hit,
          blks_read, temp_files, temp_bytes, deadlocks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      insert.setLong(1, sampleId);
      insert.setLong(2, d.xactCommit());
      insert.setLong(3, d.xactRollback());
      insert.setLong(4, ownRollbacks);
      insert.setLong(5, d.blksHit());
      insert.setLong(6, d.blksRead());
      insert.setLong(7, d.tempFiles());
      insert.setLong(8, d.tempBytes());
      insert.setLong(9, d.deadlocks());
      insert.executeUpdate();
    }
  }

  static void insertActivity(Connection connection, long sampleId, Activity a) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("""
        INSERT INTO qd_monitor.activity (sample_id, connections, max_connections, active, idle, idle_in_transaction,
          longest_idle_in_transaction_s, longest_query_s, waiting, blocked, longest_lock_wait_s, replication_lag_s)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      insert.setLong(1, sampleId);
      insert.setInt(2, a.connections());
      insert.setInt(3, a.maxConnections());
      insert.setInt(4, a.active());
      insert.setInt(5, a.idle());
      insert.setInt(6, a.idleInTransaction());
      insert.setDouble(7, a.longestIdleInTransactionSeconds());
      insert.setDouble(8, a.longestQuerySeconds());
      insert.setInt(9, a.waiting());
      insert.setInt(10, a.blocked());
      insert.setDouble(11, a.longestLockWaitSeconds());
      if (a.replicationLagSeconds() == null) {
        insert.setNull(12, Types.DOUBLE);
      } else {
        insert.setDouble(12, a.replicationLagSeconds());
      }
      insert.executeUpdate();
    }
  }
}
