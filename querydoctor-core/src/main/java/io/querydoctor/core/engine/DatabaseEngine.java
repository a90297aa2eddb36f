package io.querydoctor.core.engine;

import io.querydoctor.core.sql.SqlDialect;

/**
 * A database engine QueryDoctor can diagnose live: PostgreSQL, MySQL/MariaDB. Engine modules implement it and
 * list the implementation in {@code META-INF/services/io.querydoctor.core.engine.DatabaseEngine}; the CLI finds
 * them with {@link DatabaseEngines} (a {@link java.util.ServiceLoader}, as Flyway finds its {@code DatabaseType}s),
 * so core never imports an engine module.
 *
 * <p>Contract: implementations are stateless and thread-safe; one instance serves the whole JVM. Nothing here
 * connects: {@link #acceptsUrl} looks at the URL's scheme only, {@link #target} parses and validates the URL;
 * the returned {@link EngineTarget} connects when asked.
 */
public interface DatabaseEngine {

  /** The engine's name for messages and reports: {@code PostgreSQL}, {@code MySQL/MariaDB}. */
  String name();

  /** The SQL dialect of the fixes shown for this engine's databases (the n-plus-one batched form). */
  default SqlDialect dialect() {
    return SqlDialect.POSTGRESQL;
  }

  /** The URL forms this engine accepts, for help and for the error when no engine accepts a URL. */
  String urlForms();

  /**
   * Whether {@code url} is this engine's, judged by its scheme alone ({@code jdbc:postgresql:},
   * {@code jdbc:mariadb:}, …); never throws, never connects. At most one engine accepts a given URL.
   */
  boolean acceptsUrl(String url);

  /**
   * Parses and validates the request's URL and returns the database it names, not yet connected.
   *
   * @throws EngineFailure with a one-line reason (malformed URL, no database name); never shows a password
   */
  EngineTarget target(ConnectionRequest request) throws EngineFailure;
}
