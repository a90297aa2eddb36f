package io.querydoctor.postgres.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code ~/.pgpass} (or {@code PGPASSFILE}) as libpq does: lines of
 * {@code hostname:port:database:username:password}, {@code *} matching anything, {@code \:} and {@code \\}
 * escaped, first match wins.
 */
public final class PgPass {

  private final Path file;

  public PgPass(Path file) {
    this.file = file;
  }

  /** The file libpq would read: {@code PGPASSFILE}, else {@code ~/.pgpass}. */
  public static PgPass standard(java.util.Map<String, String> environment) {
    String explicit = environment.get("PGPASSFILE");
    Path path = explicit != null && !explicit.isBlank()
        ? Path.of(explicit)
        : Path.of(System.getProperty("user.home"), ".pgpass");
    return new PgPass(path);
  }

  /** The password for this host, port, database and user, if a line matches. Unreadable files match nothing. */
  public Optional<String> password(String host, int port, String database, String user) {
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> fields = split(line);
        if (fields.size() == 5 && matches(fields.get(0), host) && matches(fields.get(1), Integer.toString(port))
            && matches(fields.get(2), database) && matches(fields.get(3), user)) {
          return Optional.of(fields.get(4));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean matches(String pattern, String value) {
    return pattern.equals("*") || pattern.equals(value)
        || (pattern.equals("localhost") && (value.equals("127.0.0.1") || value.equals("::1")));
  }

  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        field.append(line.charAt(++i));
      } else if (c == ':' && fields.size() < 4) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
