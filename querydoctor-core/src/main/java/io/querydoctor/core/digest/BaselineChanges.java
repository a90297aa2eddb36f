package io.querydoctor.core.digest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.querydoctor.core.finding.Finding;
import java.time.Instant;
import java.util.List;

/**
 * What changed against a baseline digest.
 *
 * @param baseline the baseline file's name
 * @param baselineSavedAt when the baseline was saved
 * @param regressions {@code latency-regression} findings (also placed among the report's findings)
 * @param newShapes how many shapes are in the current digest and not in the baseline
 * @param topNew the heaviest of them
 * @param vanishedShapes how many shapes of the baseline no longer appear
 * @param topVanished the heaviest of them
 */
public record BaselineChanges(
    String baseline,
    Instant baselineSavedAt,
    @JsonIgnore List<Finding> regressions,
    long newShapes,
    List<ShapeChange> topNew,
    long vanishedShapes,
    List<ShapeChange> topVanished) {

  public BaselineChanges {
    regressions = regressions == null ? List.of() : List.copyOf(regressions);
    topNew = List.copyOf(topNew);
    topVanished = List.copyOf(topVanished);
  }
}
