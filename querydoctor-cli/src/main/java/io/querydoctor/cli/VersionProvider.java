package io.querydoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version from the build, for --version and for reports. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"querydoctor " + version()};
  }

  /** "0.1.0-SNAPSHOT", or "dev" when run from classes without the filtered properties. */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/querydoctor-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  /** What reports name as the tool that wrote them. */
  public static String tool() {
    return "querydoctor " + version();
  }
}
