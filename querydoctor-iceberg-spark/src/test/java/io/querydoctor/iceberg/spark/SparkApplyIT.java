package io.querydoctor.iceberg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.iceberg.catalog.CatalogConnector;
import io.querydoctor.iceberg.catalog.CatalogSpec;
import io.querydoctor.iceberg.demo.PlantedWarehouse;
import io.querydoctor.iceberg.metadata.TableProfileReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixes applied through a real local[2] Spark session on the planted warehouse: compaction reduces the file
 * count to what small-files predicted, the manifests are rewritten, and the before/after report matches the
 * metadata. Opt-in: runs only with -Pspark.
 */
class SparkApplyIT {

  @TempDir
  Path dir;

  @Test
  void compactionAndManifestRewriteThroughSpark() throws Exception {
    PlantedWarehouse warehouse = PlantedWarehouse.create(dir.resolve("warehouse"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String catalog = warehouse.catalogUrl();
    int code = ApplyMain.run(new String[] {"--catalog", catalog, "--catalog-name", "demo",
        "--warehouse", dir.resolve("warehouse/warehouse").toUri().toString(), "--table", "analytics.events",
        "--rule", "small-files"}, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString() + out).isZero();
    assertThat(out.toString())
        .contains("CALL demo.system.rewrite_data_files(table => 'analytics.events'")
        .contains("rows             8000 → 8000");
    // small-files predicted about 1 file (222 kB of small files, target 256 kB); Spark's writer splits on its
    // in-memory size estimate, so 1 or 2. The report's "after" is what the metadata now says.
    int after = Integer.parseInt(out.toString().lines().filter(l -> l.startsWith("  data files"))
        .findFirst().orElseThrow().replaceAll(".*→ ", "").trim());
    assertThat(after).isBetween(1, 2);
    Catalog reopened = new CatalogConnector().open(new CatalogSpec(catalog, "demo", null, null, null, Map.of()));
    assertThat(new TableProfileReader().read("analytics.events",
        reopened.loadTable(TableIdentifier.of("analytics", "events"))).dataFiles()).hasSize(after);
    assertThat(out.toString().lines().filter(l -> l.startsWith("Findings after:")).findFirst().orElseThrow())
        .doesNotContain("small-files");

    StringWriter second = new StringWriter();
    code = ApplyMain.run(new String[] {"--catalog", catalog, "--catalog-name", "demo",
        "--warehouse", dir.resolve("warehouse/warehouse").toUri().toString(), "--table", "analytics.sessions",
        "--rule", "manifests-fragmented"}, new PrintWriter(second, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString() + second).isZero();
    assertThat(second.toString()).contains("CALL demo.system.rewrite_manifests(table => 'analytics.sessions')")
        .contains("manifests        122 → ");
    assertThat(second.toString().lines().filter(l -> l.startsWith("Findings after:")).findFirst().orElseThrow())
        .doesNotContain("manifests-fragmented");
  }

  @Test
  void aTableMustBeNamed() {
    StringWriter err = new StringWriter();
    int code = ApplyMain.run(new String[] {"--catalog", "jdbc:sqlite:/nowhere.db"}, new PrintWriter(new StringWriter()),
        new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--table NAMESPACE.TABLE are required");
  }
}
