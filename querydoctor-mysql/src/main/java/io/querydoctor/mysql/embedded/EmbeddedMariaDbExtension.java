package io.querydoctor.mysql.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one embedded MariaDB per test JVM, started on first use and stopped when the JVM's tests
 * end, and a fresh database for each test class. Inject a {@link TestMariaDb} (or the {@link EmbeddedMariaDb}
 * itself) into a test method, a constructor or a {@code @BeforeAll} method:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedMariaDbExtension.class)
 * class SomethingIT {
 *   @Test void works(TestMariaDb db) throws SQLException { try (var c = db.connect()) { ... } }
 * }
 * }</pre>
 *
 * The server is shared with every other test class of the JVM: a test that changes a global setting puts it back.
 */
public final class EmbeddedMariaDbExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedMariaDbExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestMariaDb.class || type == EmbeddedMariaDb.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EmbeddedMariaDb server = server(context);
    if (parameter.getParameter().getType() == EmbeddedMariaDb.class) {
      return server;
    }
    Class<?> testClass = context.getRequiredTestClass();
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    return store.getOrComputeIfAbsent("database:" + testClass.getName(),
        key -> new TestMariaDb(server, server.createUniqueDatabase(testClass.getSimpleName())), TestMariaDb.class);
  }

  private static EmbeddedMariaDb server(ExtensionContext context) {
    ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
    return root.getOrComputeIfAbsent("server", key -> new ClosableServer(EmbeddedMariaDb.start()),
        ClosableServer.class).server();
  }

  /** Adapts the server to JUnit's store so that it is stopped when the root context closes. */
  private record ClosableServer(EmbeddedMariaDb server)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }
}
