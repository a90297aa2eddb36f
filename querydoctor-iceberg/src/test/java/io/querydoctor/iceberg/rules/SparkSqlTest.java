package io.querydoctor.iceberg.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSqlTest {

  private final SparkSql spark = new SparkSql("prod");

  @Test
  void proceduresNameTheCatalogAndTheTable() {
    assertThat(spark.rewriteDataFilesSorted("db.events", List.of("ts", "event_type"), 134_217_728))
        .isEqualTo("CALL prod.system.rewrite_data_files(table => 'db.events', strategy => 'sort', sort_order => "
            + "'ts ASC NULLS LAST, event_type ASC NULLS LAST', options => map('rewrite-all', 'true', "
            + "'target-file-size-bytes', '134217728'));");
    assertThat(spark.expireSnapshots("db.events", "2024-01-10 00:00:00", 10)).isEqualTo(
        "CALL prod.system.expire_snapshots(table => 'db.events', older_than => TIMESTAMP '2024-01-10 00:00:00', "
            + "retain_last => 10);");
    assertThat(spark.rewriteManifests("db.events")).isEqualTo("CALL prod.system.rewrite_manifests(table => 'db.events');");
  }

  @Test
  void ddlQuotesNamesThatNeedIt() {
    assertThat(new SparkSql("my-cat").addPartitionField("Sales.Events", SparkSql.transform("days", "Event Time")))
        .isEqualTo("ALTER TABLE `my-cat`.`Sales`.`Events` ADD PARTITION FIELD days(`Event Time`);");
    assertThat(spark.setProperties("db.t", Map.of("comment", "it's"))).isEqualTo(
        "ALTER TABLE prod.db.t SET TBLPROPERTIES ('comment' = 'it''s');");
  }
}
