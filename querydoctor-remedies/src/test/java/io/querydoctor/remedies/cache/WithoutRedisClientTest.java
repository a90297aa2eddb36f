package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Lettuce is an optional dependency: an application without it (and without Netty and Reactor) uses the local
 * cache as before. Proven by loading the module in a class loader from the test class path minus those jars.
 */
class WithoutRedisClientTest {

  @Test
  void theLocalCacheWorksWithoutLettuceOnTheClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath()) {
      String name = Path.of(entry).getFileName().toString();
      if (!(name.contains("lettuce") || name.contains("netty") || name.contains("reactor")
          || name.contains("redis"))) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("io.lettuce.core.RedisClient"))
          .isInstanceOf(ClassNotFoundException.class);
      DataSource h2 = (DataSource) loader.loadClass("org.h2.jdbcx.JdbcDataSource").getConstructor().newInstance();
      h2.getClass().getMethod("setURL", String.class).invoke(h2, "jdbc:h2:mem:without_lettuce;DB_CLOSE_DELAY=-1");
      try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE country (code varchar(2) PRIMARY KEY, name varchar(40))");
        st.execute("INSERT INTO country VALUES ('fr', 'France')");
      }
      Class<?> optionsClass = loader.loadClass("io.querydoctor.remedies.cache.CacheOptions");
      Object builder = optionsClass.getMethod("builder").invoke(null);
      builder.getClass().getMethod("tables", String[].class).invoke(builder, (Object) new String[] {"country"});
      Object options = builder.getClass().getMethod("build").invoke(builder);
      Class<?> cacheClass = loader.loadClass("io.querydoctor.remedies.cache.QueryCache");
      Object cache = cacheClass.getMethod("create", optionsClass).invoke(null, options);
      DataSource cached = (DataSource) cacheClass.getMethod("wrap", DataSource.class).invoke(cache, h2);

      assertThat(name(cached)).isEqualTo("France");
      assertThat(name(cached)).isEqualTo("France");
      List<?> statistics = (List<?>) cacheClass.getMethod("statistics").invoke(cache);
      Object shape = statistics.get(0);
      assertThat(shape.getClass().getMethod("hits").invoke(shape)).isEqualTo(1L);
      assertThat(cacheClass.getMethod("sharedStatistics").invoke(cache)).isNull();
    }
  }

  private static String name(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM country WHERE code = 'fr'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The class path's entries, with a manifest-only booter jar (surefire's) expanded to its Class-Path. */
  private static List<String> classPath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(entry);
      if (entry.endsWith(".jar") && new File(entry).isFile()) {
        try (JarFile jar = new JarFile(entry)) {
          Manifest manifest = jar.getManifest();
          String more = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
          if (more != null) {
            for (String url : more.trim().split("\\s+")) {
              entries.add(Path.of(new File(entry).toURI().resolve(url)).toString());
            }
          }
        }
      }
    }
    return entries;
  }
}
