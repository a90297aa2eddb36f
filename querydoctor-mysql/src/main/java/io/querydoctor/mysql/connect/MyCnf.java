package io.querydoctor.mysql.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [client]} section of an option file ({@code ~/.my.cnf}), as the {@code mysql} client reads it:
 * {@code user} and {@code password}, optionally quoted. Other sections, {@code !include} lines and unknown keys
 * are ignored; a missing or unreadable file is the same as an empty one. Values are never printed.
 */
public final class MyCnf {

  private static final MyCnf EMPTY = new MyCnf(Map.of());

  private final Map<String, String> client;

  private MyCnf(Map<String, String> client) {
    this.client = client;
  }

  /** {@code ~/.my.cnf} of the user running the tool (HOME, else user.home). */
  public static MyCnf standard(Map<String, String> environment) {
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
    return home == null ? EMPTY : read(Path.of(home, ".my.cnf"));
  }

  public static MyCnf read(Path file) {
    if (!Files.isReadable(file)) {
      return EMPTY;
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return EMPTY;
    }
  }

  static MyCnf parse(String text) {
    Map<String, String> client = new HashMap<>();
    boolean inClient = false;
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("!")) {
        continue;
      }
      if (line.startsWith("[")) {
        inClient = line.toLowerCase(Locale.ROOT).replace(" ", "").equals("[client]");
        continue;
      }
      int equals = line.indexOf('=');
      if (inClient && equals > 0) {
        // The mysql client treats '-' and '_' in option names alike.
        String key = line.substring(0, equals).strip().toLowerCase(Locale.ROOT).replace('-', '_');
        client.put(key, unquote(line.substring(equals + 1).strip()));
      }
    }
    return new MyCnf(client);
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
        || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    int comment = value.indexOf(" #");
    return comment < 0 ? value : value.substring(0, comment).strip();
  }

  public Optional<String> user() {
    return Optional.ofNullable(client.get("user"));
  }

  public Optional<String> password() {
    return Optional.ofNullable(client.get("password"));
  }

  @Override
  public String toString() {
    return "MyCnf[" + client.keySet() + "]";
  }
}
