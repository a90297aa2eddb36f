package io.querydoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version and commit from the build, for --version and for reports. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String commit = build().getProperty("commit", "");
    String time = build().getProperty("commitTime", "");
    return new String[] {
      "querydoctor " + version(),
      known(commit) ? "commit " + commit + (known(time) ? " (" + time + ")" : "") : "commit unknown (built without git)",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  /** "0.1.0-SNAPSHOT", or "dev" when run from classes without the filtered properties. */
  public static String version() {
    return build().getProperty("version", "dev");
  }

  /** What reports name as the tool that wrote them. */
  public static String tool() {
    return "querydoctor " + version();
  }

  /** An unresolved Maven placeholder (no git at build time) is no value. */
  private static boolean known(String value) {
    return !value.isBlank() && !value.startsWith("${");
  }

  private static Properties build() {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/querydoctor-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // no build information: "dev"
    }
    return properties;
  }
}
