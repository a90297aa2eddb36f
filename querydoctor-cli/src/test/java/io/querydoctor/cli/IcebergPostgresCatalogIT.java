package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.iceberg.demo.TableWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code iceberg check} on an Iceberg JDBC catalog kept in a real (embedded) PostgreSQL. */
@ExtendWith(EmbeddedPostgresExtension.class)
class IcebergPostgresCatalogIT {

  @Test
  void aJdbcCatalogOnPostgresql(TestDatabase db, @TempDir Path warehouse) {
    Catalog catalog = CatalogUtil.buildIcebergCatalog("pgcat", Map.of("type", "jdbc", "uri", db.jdbcUrl(),
        "jdbc.user", db.user(), "warehouse", warehouse.toUri().toString(), "jdbc.schema-version", "V1"),
        new Configuration());
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of("db"));
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    Table table = catalog.createTable(TableIdentifier.of("db", "orders"), schema, PartitionSpec.unpartitioned());
    TableWriter writer = new TableWriter(table);
    AppendFiles append = table.newAppend();
    for (int file = 0; file < 7; file++) {
      Record r = GenericRecord.create(schema);
      r.setField("id", (long) file);
      append.appendFile(writer.dataFile(List.of(r)));
    }
    append.commit();

    CliRun run = CliRun.of("iceberg", "check", "--catalog", db.jdbcUrl(), "--user", db.user(), "--catalog-name",
        "pgcat", "--catalog-property", "jdbc.schema-version=V1", "--all", "db", "-q", "--fail-on", "none");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(run.out()).contains("7 small files in db.orders")
        .contains("CALL pgcat.system.rewrite_data_files(table => 'db.orders'");
  }
}
