package io.querydoctor.core.engine;

import java.util.Map;

/**
 * What a check or diagnose run was asked for, in engine-neutral terms.
 *
 * @param tool the tool's name and version, for the report header
 * @param thresholds health threshold overrides by key ({@code long-transaction=30s}); each engine validates the
 *     keys it knows and rejects the others with {@link IllegalArgumentException} naming the valid ones
 * @param sandbox whether the user declared the database a sandbox (a copy, never production): only then may an
 *     engine build indexes or run statements that write
 */
public record RunSettings(String tool, Map<String, String> thresholds, boolean sandbox) {

  public RunSettings {
    thresholds = Map.copyOf(thresholds);
  }
}
