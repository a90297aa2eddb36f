package io.querydoctor.postgres.statements;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.log.LogFileDigester;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * A real {@code pg_stat_statements} export (what {@code \copy (SELECT * FROM pg_stat_statements) TO 'f.csv' CSV
 * HEADER} writes, here through the driver's COPY) digests to the same shapes and calls as the live view.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PgStatStatementsCsvIT {

  @Test
  void anExportDigestsLikeTheLiveView(TestDatabase db, @TempDir Path tmp) throws Exception {
    Path export = tmp.resolve("pgss.csv");
    try (Connection app = db.connect(); SafeExecutor executor = new SafeExecutor(db.connect())) {
      try (Statement s = app.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        s.execute("CREATE TABLE csv_items AS SELECT g AS id, 'line one\nline \"two\", with comma' AS note"
            + " FROM generate_series(1, 500) g");
      }
      try (PreparedStatement lookup = app.prepareStatement("SELECT note FROM csv_items WHERE id = ?")) {
        for (int i = 0; i < 25; i++) {
          lookup.setInt(1, i);
          lookup.executeQuery().close();
        }
      }
      try (Statement s = app.createStatement()) {
        s.execute("SELECT count(*)\n  FROM csv_items\n WHERE note LIKE 'line%'");
      }
      WorkloadDigest live = new PgStatStatementsReader().snapshot(executor).toDigest("live");
      try (Writer out = Files.newBufferedWriter(export)) {
        app.unwrap(PGConnection.class).getCopyAPI()
            .copyOut("COPY (SELECT * FROM pg_stat_statements) TO STDOUT WITH (FORMAT csv, HEADER)", out);
      }
      Files.createDirectories(Path.of("target"));
      Files.copy(export, Path.of("target", "pgss-export.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

      WorkloadDigest fromFile = new LogFileDigester(null, null, DigestBuilder.DEFAULT_MAX_SHAPES,
          ProgressListener.NONE).digest(List.of(export));

      assertThat(fromFile.parse().skipped()).isZero();
      assertThat(calls(fromFile)).containsAllEntriesOf(Map.of("SELECT note FROM csv_items WHERE id = ?", 25L));
      // The export was taken after the live snapshot: every shape of the snapshot is there with at least its calls.
      Map<String, Long> exported = calls(fromFile);
      calls(live).forEach((shape, calls) -> assertThat(exported.get(shape)).as(shape).isGreaterThanOrEqualTo(calls));
      assertThat(fromFile.shapes()).anySatisfy(s -> assertThat(s.example()).contains("LIKE ?"));
    }
  }

  private static Map<String, Long> calls(WorkloadDigest digest) {
    return digest.shapes().stream().collect(Collectors.toMap(ShapeDigest::example, ShapeDigest::calls, Long::sum));
  }
}
