package io.querydoctor.iceberg.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.iceberg.metadata.ColumnInfo;
import io.querydoctor.iceberg.metadata.DataFileStats;
import io.querydoctor.iceberg.metadata.PartitionField;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The branches the planted warehouse has no table for, on hand-built profiles. */
class GranularityAndThresholdsTest {

  private static final long MB = 1024 * 1024;

  @Test
  void onePartitionHoldingTheWholeTableIsTooCoarse() {
    List<DataFileStats> files = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      files.add(new DataFileStats("f" + i, "region=eu", 512 * MB, 1_000_000, Map.of(), 0));
    }
    List<Finding> findings = new PartitionPruningMissingRule().check(context(profile(files)));
    assertThat(findings).singleElement().satisfies(f -> assertThat(f.title()).contains("sit in one partition"));
  }

  @Test
  void twoPartitionsOfTheSameTableAreNeitherTooCoarseNorTooFine() {
    List<DataFileStats> files = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      files.add(new DataFileStats("f" + i, "region=" + (i % 2), 512 * MB, 1_000_000, Map.of(), 0));
    }
    assertThat(new PartitionPruningMissingRule().check(context(profile(files)))).isEmpty();
    assertThat(new SmallFilesRule().check(context(profile(files)))).isEmpty();
  }

  @Test
  void theAddedTimeFieldIsTheFinestWhosePartitionsAreNotTooSmall() {
    double floor = 512.0 * MB / 64;
    assertThat(PartitionPruningMissingRule.transformFor(20 * MB, floor)).isEqualTo("days");
    assertThat(PartitionPruningMissingRule.transformFor(1 * MB, floor)).isEqualTo("months");
    assertThat(PartitionPruningMissingRule.transformFor(0.1 * MB, floor)).isEqualTo("years");
  }

  @Test
  void thresholdOverridesChangeOneValueAndRejectUnknownKeys() {
    IcebergThresholds t = IcebergThresholds.DEFAULTS.with(Map.of("snapshots", "20", "overlap-ratio", "0.8"));
    assertThat(t.snapshotsMax()).isEqualTo(20);
    assertThat(t.overlapRatio()).isEqualTo(0.8);
    assertThat(t.manifestsMax()).isEqualTo(IcebergThresholds.DEFAULTS.manifestsMax());
    assertThat(t.withTargetFileSize(128 * MB).targetFileSizeBytes()).isEqualTo(128 * MB);
    assertThatThrownBy(() -> IcebergThresholds.DEFAULTS.with(Map.of("snapshot", "1")))
        .hasMessageStartingWith("unknown Iceberg threshold 'snapshot'");
    assertThatThrownBy(() -> IcebergThresholds.DEFAULTS.with(Map.of("snapshots", "many")))
        .hasMessage("threshold snapshots: 'many' is not a number");
  }

  private static TableProfile profile(List<DataFileStats> files) {
    return new TableProfile("db.t", 2, Map.of(), List.of(new ColumnInfo("region", "string")),
        List.of(new PartitionField("region", "region", "identity")), List.of(), files, List.of(), 1, 0, 1, 1000, 5000,
        0);
  }

  private static TableContext context(TableProfile profile) {
    return new TableContext(profile, null, 0, IcebergThresholds.DEFAULTS, new SparkSql("c"));
  }
}
