package io.querydoctor.mysql.connect;

import io.querydoctor.core.engine.EngineFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed MySQL or MariaDB JDBC URL: {@code jdbc:mariadb://host[:port]/database[?params]} (MariaDB Connector/J)
 * or {@code jdbc:mysql://host[:port]/database[?params]} (MySQL Connector/J). Enough to validate it up front, to
 * look up {@code ~/.my.cnf}, and to show it without credentials. A database name is required: the health checks
 * judge the schema the application uses, not every schema on the server.
 *
 * @param url the JDBC URL to connect with, as given
 * @param scheme {@code mariadb} or {@code mysql}: which driver takes it
 */
public record MySqlUrl(String url, String scheme, String host, int port, String database) {

  private static final String EXPECTED = "jdbc:mariadb://host[:port]/database or jdbc:mysql://host[:port]/database";
  private static final int DEFAULT_PORT = 3306;

  /** Whether {@code url} is a MySQL or MariaDB JDBC URL, by its scheme alone. */
  public static boolean accepts(String url) {
    String lower = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:");
  }

  /** The URL forms accepted, for help and errors. */
  public static String forms() {
    return EXPECTED;
  }

  /** Parses {@code url}; throws {@link EngineFailure} with a one-line reason when it is not one. */
  public static MySqlUrl parse(String url) throws EngineFailure {
    if (url == null || url.isBlank()) {
      throw new EngineFailure("no database URL given (" + EXPECTED + ")");
    }
    String trimmed = url.trim();
    if (!accepts(trimmed)) {
      throw new EngineFailure("not a MySQL or MariaDB URL: '" + redact(trimmed) + "' (" + EXPECTED + ")");
    }
    try {
      URI uri = new URI(trimmed.substring("jdbc:".length()));
      String host = uri.getHost();
      if (host == null || host.isBlank()) {
        throw new EngineFailure("malformed database URL '" + redact(trimmed) + "': no host (" + EXPECTED + ")");
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (path.isBlank() || path.contains("/")) {
        throw new EngineFailure("malformed database URL '" + redact(trimmed) + "': no database name after the host");
      }
      int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
      return new MySqlUrl(trimmed, uri.getScheme().toLowerCase(Locale.ROOT), host, port, path);
    } catch (URISyntaxException e) {
      throw new EngineFailure("malformed database URL '" + redact(trimmed) + "': " + e.getReason(), e);
    }
  }

  /** The URL without user, password or parameters: safe to print and to put in reports. */
  public String redacted() {
    return "jdbc:" + scheme + "://" + host + ":" + port + "/" + database;
  }

  /** host:port, for messages. */
  public String address() {
    return host + ":" + port;
  }

  /** Never shows a password the parameters may hold. */
  @Override
  public String toString() {
    return redacted();
  }

  static String redact(String url) {
    return url.replaceFirst("\\?.*$", "?…").replaceFirst("//[^/@]*@", "//…@");
  }
}
