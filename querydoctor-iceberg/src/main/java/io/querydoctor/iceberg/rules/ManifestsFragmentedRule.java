package io.querydoctor.iceberg.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.iceberg.metadata.TableProfile;
import java.util.List;

/**
 * {@code manifests-fragmented}: the current snapshot has many small manifests (fast appends, streaming commits),
 * so every query plan reads them all before it can prune a file. Fires at {@code manifestsMax} manifests whose
 * mean size is below {@code manifestFillRatio} of {@code commit.manifest.target-size-bytes} (8 MB by default).
 */
public final class ManifestsFragmentedRule implements TableRule {

  public static final String ID = "manifests-fragmented";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Finding> check(TableContext context) {
    TableProfile table = context.table();
    int manifests = table.manifests();
    if (manifests < context.thresholds().manifestsMax()) {
      return List.of();
    }
    long target = table.longProperty("commit.manifest.target-size-bytes", TableProfile.DEFAULT_MANIFEST_TARGET_BYTES);
    double mean = (double) table.manifestBytes() / manifests;
    if (mean >= target * context.thresholds().manifestFillRatio()) {
      return List.of();
    }
    long after = Math.max(1, (table.manifestBytes() + target - 1) / target);
    return List.of(Finding.builder(ID, Severity.MEDIUM)
        .title(manifests + " manifests in the current snapshot of " + table.name() + " (mean "
            + Quantities.bytes(mean) + ")")
        .subject(context.subject())
        .detail("Query planning reads every manifest of the snapshot before it prunes a single file: " + manifests
            + " manifests of " + Quantities.bytes(mean) + " on average, where " + after + " of up to "
            + Quantities.bytes(target) + " would hold the same entries.")
        .evidence(Evidence.crossed("manifests", manifests, "count", context.thresholds().manifestsMax()))
        .evidence(Evidence.of("mean_manifest_size", mean, "bytes"))
        .evidence(Evidence.of("manifests_after_rewrite", after, "count"))
        .impact(context.queryTimeImpact("reading fragmented manifests"))
        .fix(Fix.sql("Rewrite the manifests (clustered by partition) with Iceberg's rewrite_manifests.",
            context.spark().rewriteManifests(table.name())))
        .build());
  }
}
