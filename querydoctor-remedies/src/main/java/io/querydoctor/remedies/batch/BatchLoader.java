package io.querydoctor.remedies.batch;

import io.querydoctor.core.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * Turns N queries by key into one per batch, in the spirit of DataLoader: callers {@link #load} keys and get
 * futures; {@link #dispatch} (or {@link #close}, at the end of the unit of work) runs one query per
 * {@code batchSize} keys — {@code = ANY(?)} on PostgreSQL, {@code IN (…)} elsewhere — and hands each caller the
 * rows of its key. One loader is one scope: a key loaded twice is fetched once, and its rows are kept until the
 * loader is closed.
 *
 * <pre>{@code
 * try (BatchLoader<Long, Post> posts = BatchLoader.<Long, Post>builder(dataSource)
 *     .query("SELECT id, user_id, title FROM post WHERE user_id IN (:keys) ORDER BY id")
 *     .key(row -> row.getLong("user_id"))
 *     .value(row -> new Post(row.getLong("id"), row.getString("title")))
 *     .build()) {
 *   Map<Long, CompletableFuture<List<Post>>> byUser = new HashMap<>();
 *   for (User u : users) byUser.put(u.id(), posts.load(u.id()));
 *   posts.dispatch();                                   // one query for up to 100 users
 *   ...byUser.get(id).join()...
 * }
 * }</pre>
 *
 * <p>Not thread-safe: like a DataLoader it belongs to one unit of work (a request) on one thread. The futures
 * complete on the dispatching thread; a failed batch completes its futures exceptionally with the driver's
 * {@link SQLException}.
 */
public final class BatchLoader<K, V> implements AutoCloseable {

  private final DataSource dataSource;
  private final String template;
  private final RowReader<K> key;
  private final RowReader<V> value;
  private final int batchSize;
  private final String arrayType;
  private SqlDialect dialect;
  private final Map<K, CompletableFuture<List<V>>> loaded = new HashMap<>();
  private final Map<K, CompletableFuture<List<V>>> pending = new LinkedHashMap<>();
  private int queries;

  private BatchLoader(Builder<K, V> b) {
    this.dataSource = b.dataSource;
    this.template = b.query;
    this.key = b.key;
    this.value = b.value;
    this.batchSize = b.batchSize;
    this.arrayType = b.arrayType;
    this.dialect = b.dialect;
  }

  public static <K, V> Builder<K, V> builder(DataSource dataSource) {
    return new Builder<>(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** The rows of {@code k}, once dispatched; the same future for a key already loaded in this scope. */
  public CompletableFuture<List<V>> load(K k) {
    Objects.requireNonNull(k, "key");
    CompletableFuture<List<V>> known = loaded.get(k);
    if (known != null) {
      return known;
    }
    CompletableFuture<List<V>> future = new CompletableFuture<>();
    loaded.put(k, future);
    pending.put(k, future);
    return future;
  }

  /** The rows of each of {@code keys}, once dispatched, in the keys' order. */
  public CompletableFuture<Map<K, List<V>>> loadMany(Collection<K> keys) {
    Map<K, CompletableFuture<List<V>>> futures = new LinkedHashMap<>();
    keys.forEach(k -> futures.put(k, load(k)));
    return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
      Map<K, List<V>> rows = new LinkedHashMap<>();
      futures.forEach((k, f) -> rows.put(k, f.join()));
      return rows;
    });
  }

  /** Runs the queries for every key loaded since the last dispatch: one per {@code batchSize} keys. */
  public void dispatch() {
    if (pending.isEmpty()) {
      return;
    }
    List<K> keys = new ArrayList<>(pending.keySet());
    Map<K, CompletableFuture<List<V>>> waiting = new HashMap<>(pending);
    pending.clear();
    try (Connection connection = dataSource.getConnection()) {
      SqlDialect d = dialectOf(connection);
      for (int from = 0; from < keys.size(); from += batchSize) {
        List<K> batch = keys.subList(from, Math.min(keys.size(), from + batchSize));
        Map<K, List<V>> rows = fetch(connection, d, batch);
        for (K k : batch) {
          waiting.remove(k).complete(List.copyOf(rows.getOrDefault(k, List.of())));
        }
      }
    } catch (SQLException | RuntimeException e) {
      waiting.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  private Map<K, List<V>> fetch(Connection connection, SqlDialect d, List<K> batch) throws SQLException {
    Map<K, List<V>> rows = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(KeyList.sql(template, d, batch.size()))) {
      KeyList.bind(statement, connection, d, batch, arrayType);
      queries++;
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.computeIfAbsent(key.read(result), k -> new ArrayList<>()).add(value.read(result));
        }
      }
    }
    return rows;
  }

  private SqlDialect dialectOf(Connection connection) throws SQLException {
    if (dialect == null) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      dialect = product.contains("postgres") ? SqlDialect.POSTGRESQL : SqlDialect.MYSQL;
    }
    return dialect;
  }

  /** Queries run so far (for tests and logs). */
  public int queries() {
    return queries;
  }

  /** Dispatches what is still pending and forgets the scope's rows. */
  @Override
  public void close() {
    dispatch();
    loaded.clear();
  }

  /** Construction; {@link #query}, {@link #key} and {@link #value} are required. */
  public static final class Builder<K, V> {
    private final DataSource dataSource;
    private String query;
    private RowReader<K> key;
    private RowReader<V> value;
    private int batchSize = 100;
    private String arrayType;
    private SqlDialect dialect;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * The query, with {@code IN (:keys)} where the keys go: {@code SELECT … FROM post WHERE user_id IN (:keys)}.
     * It must select the key column, so that rows can be handed to their keys.
     */
    public Builder<K, V> query(String sql) {
      if (!sql.contains(KeyList.PLACEHOLDER)) {
        throw new IllegalArgumentException("the query needs " + KeyList.PLACEHOLDER + " where the keys go: " + sql);
      }
      this.query = sql;
      return this;
    }

    /** Reads a row's key (the column compared with the keys). */
    public Builder<K, V> key(RowReader<K> reader) {
      this.key = reader;
      return this;
    }

    /** Reads a row's value. */
    public Builder<K, V> value(RowReader<V> reader) {
      this.value = reader;
      return this;
    }

    /** Keys per query (default 100). */
    public Builder<K, V> batchSize(int keys) {
      if (keys < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1: " + keys);
      }
      this.batchSize = keys;
      return this;
    }

    /** PostgreSQL's element type for the key array ({@code bigint}, {@code uuid}); guessed from the keys if unset. */
    public Builder<K, V> arrayType(String type) {
      this.arrayType = type;
      return this;
    }

    /** {@code = ANY(?)} (PostgreSQL) or {@code IN (…)} (others); from the connection's metadata if unset. */
    public Builder<K, V> dialect(SqlDialect value) {
      this.dialect = value;
      return this;
    }

    public BatchLoader<K, V> build() {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      return new BatchLoader<>(this);
    }
  }
}
