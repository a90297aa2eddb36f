package io.querydoctor.iceberg.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which Iceberg catalog to open, as the user named it. The kind follows from the location:
 * <ul>
 *   <li>{@code jdbc:sqlite:…}, {@code jdbc:postgresql://…} (any {@code jdbc:} URL): a JDBC catalog;
 *   <li>{@code http://…}, {@code https://…}: a REST catalog;
 *   <li>a directory, {@code file:…}, {@code hdfs://…}, {@code s3a://…}: a Hadoop (file-system) catalog whose
 *       warehouse is that location.
 * </ul>
 *
 * @param location the catalog's URL or warehouse path
 * @param name the catalog's name (the JDBC catalog keys its rows by it; Spark calls it by it)
 * @param warehouse the warehouse location for JDBC and REST catalogs, or {@code null}
 * @param user the JDBC user, or {@code null}
 * @param password the JDBC password, or {@code null}; never printed
 * @param properties further catalog properties ({@code jdbc.schema-version}, {@code token}, {@code credential},
 *     {@code io-impl}, …); values of keys that look secret are never printed
 */
public record CatalogSpec(
    String location, String name, String warehouse, String user, String password, Map<String, String> properties) {

  /** Property keys whose values are credentials: never shown, in any output. */
  private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "token", "credential", "key");

  public CatalogSpec {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  public CatalogKind kind() {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:")) {
      return CatalogKind.JDBC;
    }
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return CatalogKind.REST;
    }
    return CatalogKind.HADOOP;
  }

  /**
   * The location safe to print: user-info and query parameters that carry credentials removed. Used as the
   * report's target.
   */
  public String redactedLocation() {
    String text = location.replaceAll("(://)[^/@?]*@", "$1");
    return text.replaceAll("(?i)([?&;](?:password|token|secret|credential|sslpassword)=)[^&;]*", "$1***");
  }

  /** True for a property key whose value must never be printed. */
  public static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  /** The kinds of catalog QueryDoctor opens. */
  public enum CatalogKind { JDBC, REST, HADOOP }
}
