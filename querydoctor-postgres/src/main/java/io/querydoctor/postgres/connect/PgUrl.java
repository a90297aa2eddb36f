package io.querydoctor.postgres.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed {@code jdbc:postgresql://host[:port]/database[?params]} URL: enough to validate it up front, to
 * look up {@code ~/.pgpass}, and to show it without credentials.
 */
public record PgUrl(String url, String host, int port, String database) {

  private static final String PREFIX = "jdbc:postgresql://";

  /** Parses {@code url}; throws {@link ConnectionFailure} with a one-line reason when it is not one. */
  public static PgUrl parse(String url) throws ConnectionFailure {
    if (url == null || url.isBlank()) {
      throw new ConnectionFailure("no database URL given (expected jdbc:postgresql://host[:port]/database)");
    }
    String trimmed = url.trim();
    if (!trimmed.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      throw new ConnectionFailure("not a PostgreSQL JDBC URL: '" + redact(trimmed)
          + "' (expected jdbc:postgresql://host[:port]/database)");
    }
    try {
      URI uri = new URI(trimmed.substring("jdbc:".length()));
      String host = uri.getHost();
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (host == null || host.isBlank()) {
        throw new ConnectionFailure("malformed database URL '" + redact(trimmed) + "': no host");
      }
      if (path.isBlank() || path.contains("/")) {
        throw new ConnectionFailure("malformed database URL '" + redact(trimmed) + "': no database name after the host");
      }
      int port = uri.getPort() == -1 ? 5432 : uri.getPort();
      return new PgUrl(trimmed, host, port, path);
    } catch (URISyntaxException e) {
      throw new ConnectionFailure("malformed database URL '" + redact(trimmed) + "': " + e.getReason(), e);
    }
  }

  /** The URL with any user, password or query parameters removed: safe to print and to put in reports. */
  public String redacted() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** host:port, for messages. */
  public String address() {
    return host + ":" + port;
  }

  /** Drops query parameters and user info from a URL that could not even be parsed, before it is shown. */
  static String redact(String url) {
    String withoutQuery = url.replaceFirst("\\?.*$", "?…");
    return withoutQuery.replaceFirst("//[^/@]*@", "//…@");
  }
}
