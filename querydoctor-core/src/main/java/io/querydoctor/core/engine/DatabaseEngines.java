package io.querydoctor.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The engines on the class path, found once through {@link ServiceLoader}, and the one a URL belongs to. */
public final class DatabaseEngines {

  private final List<DatabaseEngine> engines;

  public DatabaseEngines(List<DatabaseEngine> engines) {
    this.engines = List.copyOf(engines);
  }

  /** Every engine listed in {@code META-INF/services} on this class loader's path. */
  public static DatabaseEngines installed() {
    List<DatabaseEngine> found = new ArrayList<>();
    ServiceLoader.load(DatabaseEngine.class, DatabaseEngines.class.getClassLoader()).forEach(found::add);
    return new DatabaseEngines(found);
  }

  public List<DatabaseEngine> all() {
    return engines;
  }

  /**
   * The engine that accepts {@code url}.
   *
   * @throws EngineFailure naming every accepted URL form when none accepts it (the URL is shown without
   *     credentials or parameters)
   */
  public DatabaseEngine forUrl(String url) throws EngineFailure {
    for (DatabaseEngine engine : engines) {
      if (engine.acceptsUrl(url)) {
        return engine;
      }
    }
    String forms = engines.stream().map(DatabaseEngine::urlForms).collect(Collectors.joining(", or "));
    throw new EngineFailure("not a database URL QueryDoctor knows: '" + redacted(url) + "' (expected " + forms + ")");
  }

  /** Drops user info and parameters from a URL no engine could parse, before it is shown. */
  static String redacted(String url) {
    String text = url == null ? "" : url.trim();
    return text.replaceFirst("\\?.*$", "?…").replaceFirst("//[^/@]*@", "//…@");
  }
}
