package io.querydoctor.postgres.health.database;

import io.querydoctor.postgres.health.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Buffer hits and reads of the application's tables and indexes, summed over the current database. */
public final class CacheHitCheck {

  private CacheHitCheck() {}

  /**
   * @param database the current database
   * @param heapHits table blocks found in shared buffers
   * @param heapReads table blocks read from the kernel (page cache or disk)
   * @param indexHits index blocks found in shared buffers
   * @param indexReads index blocks read from the kernel
   * @param sharedBuffers {@code shared_buffers} as the server shows it
   */
  public record Row(String database, long heapHits, long heapReads, long indexHits, long indexReads,
      String sharedBuffers) {}

  static final String SQL = """
      SELECT current_database() AS database,
             coalesce(sum(heap_blks_hit), 0)::bigint AS heap_hits,
             coalesce(sum(heap_blks_read), 0)::bigint AS heap_reads,
             coalesce(sum(idx_blks_hit), 0)::bigint AS index_hits,
             coalesce(sum(idx_blks_read), 0)::bigint AS index_reads,
             current_setting('shared_buffers') AS shared_buffers
        FROM pg_statio_user_tables
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getString("database"), rs.getLong("heap_hits"), rs.getLong("heap_reads"),
        rs.getLong("index_hits"), rs.getLong("index_reads"), rs.getString("shared_buffers"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, CacheHitCheck::map);
}
