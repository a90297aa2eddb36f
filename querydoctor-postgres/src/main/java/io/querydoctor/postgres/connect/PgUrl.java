package io.querydoctor.postgres.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A parsed database URL: enough to validate it up front, to look up {@code ~/.pgpass}, and to show it without
 * credentials. Accepts the JDBC form {@code jdbc:postgresql://host[:port]/database[?params]} and libpq's URI
 * form {@code postgres[ql]://[user[:password]@]host[:port]/database[?params]} (what {@code psql},
 * {@code DATABASE_URL} and most hosting providers give), turned into the JDBC form with the user and password
 * taken out of the text the driver sees.
 *
 * @param url the JDBC URL to connect with (never holds the libpq form's user or password)
 * @param user the user named in a libpq URI, or null
 * @param password the password named in a libpq URI, or null; never printed
 */
public record PgUrl(String url, String host, int port, String database, String user, String password) {

  private static final String JDBC_PREFIX = "jdbc:postgresql://";
  private static final String EXPECTED = "expected jdbc:postgresql://host[:port]/database or postgres://host/database";

  /** Parses {@code url}; throws {@link ConnectionFailure} with a one-line reason when it is not one. */
  public static PgUrl parse(String url) throws ConnectionFailure {
    if (url == null || url.isBlank()) {
      throw new ConnectionFailure("no database URL given (" + EXPECTED + ")");
    }
    String trimmed = url.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    boolean jdbc = lower.startsWith(JDBC_PREFIX);
    if (!jdbc && !lower.startsWith("postgres://") && !lower.startsWith("postgresql://")) {
      throw new ConnectionFailure("not a PostgreSQL URL: '" + redact(trimmed) + "' (" + EXPECTED + ")");
    }
    try {
      URI uri = new URI(jdbc ? trimmed.substring("jdbc:".length()) : trimmed);
      String host = uri.getHost();
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (host == null || host.isBlank()) {
        throw new ConnectionFailure("malformed database URL '" + redact(trimmed) + "': no host");
      }
      if (path.isBlank() || path.contains("/")) {
        throw new ConnectionFailure("malformed database URL '" + redact(trimmed) + "': no database name after the host");
      }
      int port = uri.getPort() == -1 ? 5432 : uri.getPort();
      if (jdbc) {
        return new PgUrl(trimmed, host, port, path, null, null);
      }
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      String jdbcUrl = JDBC_PREFIX + uri.getRawAuthority().replaceFirst("^.*@", "") + "/" + uri.getRawPath()
          .replaceFirst("^/", "") + query;
      return new PgUrl(jdbcUrl, host, port, path, userInfo(uri, 0), userInfo(uri, 1));
    } catch (URISyntaxException e) {
      throw new ConnectionFailure("malformed database URL '" + redact(trimmed) + "': " + e.getReason(), e);
    }
  }

  /** The user ({@code part} 0) or password (1) of a libpq URI's {@code user:password@}, percent-decoded. */
  private static String userInfo(URI uri, int part) {
    String raw = uri.getRawUserInfo();
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    String[] fields = raw.split(":", 2);
    if (part >= fields.length || fields[part].isEmpty()) {
      return null;
    }
    return URLDecoder.decode(fields[part].replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The URL with any user, password or query parameters removed: safe to print and to put in reports. */
  public String redacted() {
    return JDBC_PREFIX + host + ":" + port + "/" + database;
  }

  /** host:port, for messages. */
  public String address() {
    return host + ":" + port;
  }

  /** Never shows the password, whatever prints this record. */
  @Override
  public String toString() {
    return redacted();
  }

  /** Drops query parameters and user info from a URL that could not even be parsed, before it is shown. */
  static String redact(String url) {
    String withoutQuery = url.replaceFirst("\\?.*$", "?…");
    return withoutQuery.replaceFirst("//[^/@]*@", "//…@");
  }
}
