package io.querydoctor.monitor.store;

import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.postgres.connect.PgConnector;
import io.querydoctor.postgres.connect.PgUrl;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the history lives, from {@code --store}: a PostgreSQL URL ({@code jdbc:postgresql://…} or
 * {@code postgres://…}, which many monitors may share), or a directory holding an embedded PostgreSQL's data
 * (default {@code ~/.querydoctor/store}), started with the monitor and kept across restarts.
 */
public final class StoreLocation implements AutoCloseable {

  private final HistoryStore store;
  private final EmbeddedServer embedded;
  private final String description;
  private HistoryStore.Connector connector;

  private StoreLocation(HistoryStore store, EmbeddedServer embedded, String description) {
    this.store = store;
    this.embedded = embedded;
    this.description = description;
  }

  /** The default store directory: {@code ~/.querydoctor/store}. */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".querydoctor", "store");
  }

  /**
   * Opens (and creates or migrates) the store {@code spec} names; null means the default directory.
   *
   * @param passwordEnv environment variable with the store's password, or null
   */
  public static StoreLocation open(String spec, String passwordEnv) throws Exception {
    if (spec != null && (spec.startsWith("jdbc:") || spec.startsWith("postgres://")
        || spec.startsWith("postgresql://"))) {
      PgUrl url = PgUrl.parse(spec);
      PgConnector connector = PgConnector.standard();
      HistoryStore.Connector open = () -> connector.connect(url, null, passwordEnv);
      StoreLocation location = new StoreLocation(HistoryStore.open(open), null, url.redacted());
      location.connector = open;
      return location;
    }
    Path directory = spec == null ? defaultDirectory() : Path.of(spec);
    Files.createDirectories(directory);
    EmbeddedServer server = EmbeddedServer.startKeeping(directory, 0);
    try {
      StoreLocation location = new StoreLocation(HistoryStore.open(() -> server.connect("postgres")), server,
          "embedded PostgreSQL in " + directory);
      location.connector = () -> server.connect("postgres");
      return location;
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  public HistoryStore store() {
    return store;
  }

  /** Opens further connections to the store (the dashboard's own, next to the monitor's). */
  public HistoryStore.Connector connector() {
    return connector;
  }

  /** For messages: the URL without password, or the embedded store's directory. */
  public String description() {
    return description;
  }

  /** Closes the store's connection, then stops the embedded server (its data stays). */
  @Override
  public void close() throws Exception {
    try {
      store.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
