package io.querydoctor.iceberg.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Opens the catalog a {@link CatalogSpec} names through Iceberg's own catalog implementations and lists its
 * tables. Read-only by construction: before Iceberg's JDBC catalog is opened (which would create its tables in
 * an empty database), the database is checked to already hold an Iceberg catalog, so pointing QueryDoctor at a
 * wrong database changes nothing there.
 */
public final class CatalogConnector {

  /** The table Iceberg's JDBC catalog keeps its tables in (JdbcUtil.CATALOG_TABLE_VIEW_NAME). */
  static final String JDBC_CATALOG_TABLE = "iceberg_tables";

  /** Opens the catalog; a catalog that cannot be reached fails with a one-line {@link CatalogException}. */
  public Catalog open(CatalogSpec spec) {
    Map<String, String> properties = new HashMap<>(spec.properties());
    switch (spec.kind()) {
      case JDBC -> {
        requireJdbcCatalog(spec);
        properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC);
        properties.put(CatalogProperties.URI, spec.location());
        if (spec.user() != null) {
          properties.put("jdbc.user", spec.user());
        }
        if (spec.password() != null) {
          properties.put("jdbc.password", spec.password());
        }
        properties.putIfAbsent(CatalogProperties.WAREHOUSE_LOCATION,
            spec.warehouse() == null ? "file:/nonexistent-warehouse" : spec.warehouse());
      }
      case REST -> {
        properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_REST);
        properties.put(CatalogProperties.URI, spec.location());
        if (spec.warehouse() != null) {
          properties.put(CatalogProperties.WAREHOUSE_LOCATION, spec.warehouse());
        }
      }
      case HADOOP -> {
        properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_HADOOP);
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, spec.location());
      }
      default -> throw new IllegalStateException(spec.kind().name());
    }
    try {
      return CatalogUtil.buildIcebergCatalog(spec.name(), properties, new Configuration());
    } catch (RuntimeException e) {
      throw new CatalogException("cannot open the " + spec.kind().name().toLowerCase(java.util.Locale.ROOT)
          + " catalog at " + spec.redactedLocation() + ": " + firstLine(e), e);
    }
  }

  /** The tables of {@code namespace} ({@code a.b} for nested namespaces), sorted by name. */
  public List<TableIdentifier> tables(Catalog catalog, String namespace) {
    Namespace ns = Namespace.of(namespace.split("\\."));
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(ns)) {
      throw new CatalogException("namespace " + namespace + " does not exist in catalog " + catalog.name());
    }
    return catalog.listTables(ns).stream().sorted(java.util.Comparator.comparing(TableIdentifier::toString)).toList();
  }

  private static void requireJdbcCatalog(CatalogSpec spec) {
    try (Connection connection = DriverManager.getConnection(spec.location(), spec.user(), spec.password());
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        if (JDBC_CATALOG_TABLE.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
          return;
        }
      }
    } catch (SQLException e) {
      throw new CatalogException("cannot connect to the JDBC catalog at " + spec.redactedLocation() + ": "
          + firstLine(e), e);
    }
    throw new CatalogException("no Iceberg JDBC catalog at " + spec.redactedLocation() + " (no table "
        + JDBC_CATALOG_TABLE + "); QueryDoctor does not create one");
  }

  /** The first line of an exception's message (Iceberg's and drivers' messages can span many). */
  public static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
