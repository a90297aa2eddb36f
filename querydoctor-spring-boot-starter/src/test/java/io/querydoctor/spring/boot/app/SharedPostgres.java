package io.querydoctor.spring.boot.app;

import io.querydoctor.demo.server.EmbeddedServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One embedded PostgreSQL (the demo module's) for the test JVM, started on first use and stopped at exit, and a
 * fresh database per Spring context. Not the demo's JUnit extension: the Spring context needs the URL while
 * the test class is prepared (through {@code @DynamicPropertySource}), before any parameter is resolved, and
 * the EngineTestKit runs of the guard test would get a server of their own from the extension's root store.
 */
public final class SharedPostgres {

  private static EmbeddedServer server;

  private SharedPostgres() {}

  private static synchronized EmbeddedServer server() {
    if (server == null) {
      EmbeddedServer started = EmbeddedServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
      server = started;
    }
    return server;
  }

  /** Points {@code spring.datasource.*} at a new database named after {@code prefix}. */
  public static void register(DynamicPropertyRegistry registry, String prefix) {
    EmbeddedServer pg = server();
    String database = pg.createUniqueDatabase(prefix);
    registry.add("spring.datasource.url", () -> pg.jdbcUrl(database));
    registry.add("spring.datasource.username", () -> EmbeddedServer.SUPERUSER);
    registry.add("spring.datasource.password", () -> "");
  }
}
