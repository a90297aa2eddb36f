package io.querydoctor.iceberg.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;

/**
 * A warehouse with planted problems, for {@code querydoctor iceberg demo} and the tests: a JDBC catalog on SQLite
 * in a directory, real Parquet files written with the Iceberg Java API, and a query history in the documented
 * JSON-lines format. Tables of namespace {@value #NAMESPACE}:
 * <ul>
 *   <li>{@code events}: unpartitioned though queried by time range, 40 small files, unsorted, user ids looked up
 *       by value without a bloom filter, and a {@code date_format(ts, …) = …} filter in the history;
 *   <li>{@code sessions}: 110 fast appends (snapshots and manifests pile up), 12 position-delete files, snapshot
 *       summaries that make the metadata JSON large;
 *   <li>{@code page_views_hourly}: partitioned by hour, each partition a few KB (too fine);
 *   <li>{@code daily_totals}: the healthy control — partitioned by month, files clustered by region, at the
 *       table's target size, queried by partition and by region.
 * </ul>
 * Builds in a few seconds; deterministic (fixed seeds).
 */
public final class PlantedWarehouse {

  public static final String NAMESPACE = "analytics";
  public static final String CATALOG_NAME = "demo";
  public static final String HISTORY_FILE = "query-history.jsonl";

  private final Path directory;

  private PlantedWarehouse(Path directory) {
    this.directory = directory;
  }

  /** Builds the warehouse in {@code directory} (created if missing). */
  public static PlantedWarehouse create(Path directory) throws IOException {
    Files.createDirectories(directory.resolve("warehouse"));
    PlantedWarehouse warehouse = new PlantedWarehouse(directory);
    Catalog catalog = warehouse.openForWriting();
    try {
      ((SupportsNamespaces) catalog).createNamespace(Namespace.of(NAMESPACE));
      PlantedTables tables = new PlantedTables(catalog, NAMESPACE);
      tables.events();
      tables.sessions();
      tables.pageViewsHourly();
      tables.dailyTotals();
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IOException("cannot close the demo catalog", e);
        }
      }
    }
    Files.writeString(warehouse.history(), PlantedHistory.jsonLines(NAMESPACE, 1.0));
    return warehouse;
  }

  /** The catalog's JDBC URL: what {@code --catalog} takes. */
  public String catalogUrl() {
    return "jdbc:sqlite:" + directory.resolve("catalog.db").toAbsolutePath();
  }

  public Path history() {
    return directory.resolve(HISTORY_FILE);
  }

  public Path directory() {
    return directory;
  }

  private Catalog openForWriting() {
    return CatalogUtil.buildIcebergCatalog(CATALOG_NAME, Map.of(
        CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC,
        // A throw-away catalog: no fsync per commit.
        CatalogProperties.URI, catalogUrl() + "?synchronous=OFF",
        CatalogProperties.WAREHOUSE_LOCATION, directory.resolve("warehouse").toAbsolutePath().toUri().toString(),
        "jdbc.schema-version", "V1"), new Configuration());
  }

}
