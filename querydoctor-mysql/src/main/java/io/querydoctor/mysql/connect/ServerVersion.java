package io.querydoctor.mysql.connect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which server and version answered: MariaDB and MySQL share a protocol and most SQL but differ in what they
 * expose (MariaDB's {@code max_statement_time} against MySQL's {@code max_execution_time}, {@code SHOW REPLICA
 * STATUS} from MySQL 8.0.22 and MariaDB 10.5.1, QUANTILE columns from MySQL 8.0). Version gates compare with
 * {@link #atLeast}.
 *
 * @param text {@code SELECT VERSION()} as the server gave it, e.g. {@code 11.4.5-MariaDB} or {@code 8.0.36}
 */
public record ServerVersion(Flavor flavor, int major, int minor, int patch, String text) {

  private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /** The two servers QueryDoctor tells apart. */
  public enum Flavor {
    MARIADB("MariaDB"),
    MYSQL("MySQL");

    private final String label;

    Flavor(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Parses {@code SELECT VERSION()}; MariaDB says so in the text, anything else is MySQL. */
  public static ServerVersion parse(String text) {
    // MariaDB 10 once reported "5.5.5-10.x.y-MariaDB" to old clients: skip that compatibility prefix.
    String version = text.startsWith("5.5.5-") ? text.substring("5.5.5-".length()) : text;
    Matcher m = NUMBERS.matcher(version);
    if (!m.find()) {
      throw new IllegalArgumentException("not a MySQL or MariaDB version: " + text);
    }
    Flavor flavor = text.toLowerCase(Locale.ROOT).contains("mariadb") ? Flavor.MARIADB : Flavor.MYSQL;
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new ServerVersion(flavor, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, text);
  }

  public boolean isMariaDb() {
    return flavor == Flavor.MARIADB;
  }

  /** Whether this is at least {@code major.minor.patch}. */
  public boolean atLeast(int major, int minor, int patch) {
    if (this.major != major) {
      return this.major > major;
    }
    if (this.minor != minor) {
      return this.minor > minor;
    }
    return this.patch >= patch;
  }

  /** "MariaDB 11.4.5", for reports. */
  public String label() {
    return flavor.label() + " " + major + "." + minor + "." + patch;
  }
}
