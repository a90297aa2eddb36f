package io.querydoctor.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.report.Report;
import io.querydoctor.iceberg.catalog.CatalogConnector;
import io.querydoctor.iceberg.catalog.CatalogSpec;
import io.querydoctor.iceberg.demo.PlantedWarehouse;
import io.querydoctor.iceberg.history.QueryHistory;
import io.querydoctor.iceberg.history.QueryHistoryReader;
import io.querydoctor.iceberg.rules.IcebergThresholds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlantedWarehouseIT {

  @TempDir
  static Path dir;

  static PlantedWarehouse warehouse;
  static Report report;

  @BeforeAll
  static void build() throws Exception {
    long start = System.nanoTime();
    warehouse = PlantedWarehouse.create(dir.resolve("wh"));
    System.out.println("built in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    CatalogConnector connector = new CatalogConnector();
    Catalog catalog = connector.open(new CatalogSpec(warehouse.catalogUrl(), "demo", null, null, null, Map.of()));
    QueryHistory history = new QueryHistoryReader().read(warehouse.history());
    report = new IcebergDiagnosis(IcebergThresholds.DEFAULTS, Clock.systemUTC(), "demo")
        .run(catalog, connector.tables(catalog, "analytics"), history, null, null, "test", "qd", s -> { });
    for (Finding f : report.findings()) {
      System.out.println(f.ruleId() + " " + f.severity() + " " + f.subject() + " | " + f.title() + "\n   " + f.fix().sql());
    }
    System.out.println(report.skipped());
    System.out.println("total " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  @Test
  void healthyTableHasNothingAtMediumOrAbove() {
    List<Finding> onHealthy = report.findings().stream()
        .filter(f -> f.allSubjects().stream().anyMatch(s -> s.name().contains("daily_totals"))).toList();
    assertThat(onHealthy).isEmpty();
  }
}
