package io.querydoctor.demo.junit;

import io.querydoctor.demo.server.EmbeddedServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one embedded PostgreSQL per test JVM, started on first use and stopped when the JVM's
 * tests end, and a fresh database for each test class. Inject a {@link TestDatabase} into a test method, a
 * constructor or a {@code @BeforeAll} method:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedPostgresExtension.class)
 * class SomethingIT {
 *   @Test void works(TestDatabase db) throws SQLException { try (var c = db.connect()) { ... } }
 * }
 * }</pre>
 */
public final class EmbeddedPostgresExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedPostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestDatabase.class || type == EmbeddedServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EmbeddedServer server = server(context);
    if (parameter.getParameter().getType() == EmbeddedServer.class) {
      return server;
    }
    Class<?> testClass = context.getRequiredTestClass();
    // Kept in the root store by class name: one database per test class, whichever method asks first.
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    return store.getOrComputeIfAbsent("database:" + testClass.getName(),
        key -> new TestDatabase(server, server.createUniqueDatabase(testClass.getSimpleName())),
        TestDatabase.class);
  }

  /** The JVM-wide server, stored in the root context so JUnit closes it after the last test. */
  private static EmbeddedServer server(ExtensionContext context) {
    ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
    return root.getOrComputeIfAbsent("server", key -> new ClosableServer(EmbeddedServer.start()),
        ClosableServer.class).server();
  }

  /** Adapts the server to JUnit's store so that it is stopped when the root context closes. */
  private record ClosableServer(EmbeddedServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }
}
