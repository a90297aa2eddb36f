package io.querydoctor.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.querydoctor.core.digest.BaselineChanges;
import io.querydoctor.core.digest.WorkloadDigest;

/**
 * The workload part of a report: the top shapes of a digest and, when compared, the changes against a
 * baseline.
 *
 * @param sortedBy what the shapes are ranked by: total, mean, p95 or calls
 * @param digest the digest, cut to the top shapes (the rest folded into its {@code other})
 * @param baseline changes against {@code --baseline}, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadSection(String sortedBy, WorkloadDigest digest, BaselineChanges baseline) {}
