package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.PlannedCost;
import io.querydoctor.core.advisor.TypedParameters;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.postgres.plan.StatementText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The what-if as the advisor's workload needs it: each statement is planned with a sample of its literal values
 * when one exists ({@link ParameterSamples}), otherwise as the text PostgreSQL can prepare for a generic plan
 * (pg_stat_statements' {@code date $1}, {@code interval $2 day}, {@code extract($3 from …)} are syntax errors
 * there: {@link TypedParameters}). The selection keeps seeing the workload's own texts, so reports never show a
 * sample's values. {@link #planning()} says, per text, which way it was planned.
 */
public final class SampledWhatIf implements WhatIf {

  /** How a statement without literal values is planned, as the report says it. */
  public static final String GENERIC = "generic plan: no sample values";

  private final WhatIf delegate;
  private final Map<String, String> planned = new LinkedHashMap<>();
  private final Map<String, String> how = new LinkedHashMap<>();

  /** Plans {@code texts} (the workload's statements) through {@code delegate}, with {@code samples} where they exist. */
  public SampledWhatIf(WhatIf delegate, List<String> texts, ParameterSamples samples) {
    this.delegate = delegate;
    for (String text : texts) {
      if (!hasParameters(text)) {
        continue;
      }
      var sample = samples.of(text);
      planned.put(text, sample.map(ParameterSamples.Sample::sql).orElse(TypedParameters.plannable(text)));
      how.put(text, sample.map(s -> "planned with literal values from " + s.source()).orElse(GENERIC));
    }
  }

  @Override
  public List<PlannedCost> plan(List<String> statements, Set<IndexCandidate> indexes) throws WhatIfException {
    List<String> texts = new ArrayList<>(statements.size());
    for (String statement : statements) {
      texts.add(planned.getOrDefault(statement, statement));
    }
    return delegate.plan(texts, indexes);
  }

  @Override
  public long sizeBytes(IndexCandidate index) throws WhatIfException {
    return delegate.sizeBytes(index);
  }

  @Override
  public void release() {
    delegate.release();
  }

  @Override
  public boolean buildsIndexes() {
    return delegate.buildsIndexes();
  }

  @Override
  public String method() {
    return delegate.method();
  }

  /** For each workload text with parameters: how it was planned (a sample's source, or {@link #GENERIC}). */
  public Map<String, String> planning() {
    return Map.copyOf(how);
  }

  /** {@code $n} or {@code ?} markers outside literals and comments; false for what is not one statement. */
  private static boolean hasParameters(String sql) {
    try {
      return StatementText.of(sql).withPositionalParameters().hasPositionalParameters();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
