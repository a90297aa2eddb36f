package io.querydoctor.core.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One named number behind a finding, e.g. {@code dead_tuple_ratio = 0.34 (threshold 0.2)}.
 *
 * @param name snake_case name, stable across releases (scripts read it)
 * @param value the measured value
 * @param unit unit of {@code value}: {@code rows}, {@code ms}, {@code bytes}, {@code ratio}, {@code count}, …
 * @param threshold the rule's threshold this value crossed, or {@code null} when this number is context
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String name, double value, String unit, Double threshold) {

  public Evidence {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
  }

  /** A number given for context, not compared with a threshold. */
  public static Evidence of(String name, double value, String unit) {
    return new Evidence(name, value, unit, null);
  }

  /** A number that crossed {@code threshold}. */
  public static Evidence crossed(String name, double value, String unit, double threshold) {
    return new Evidence(name, value, unit, threshold);
  }
}
