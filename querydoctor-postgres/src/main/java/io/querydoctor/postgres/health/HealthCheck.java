package io.querydoctor.postgres.health;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One health check: a catalog query (in one or more server-version variants, newest first) and the rules
 * that turn its rows into findings. Several rules may share one query, so that e.g. the index catalog is
 * read once for the unused, duplicate, redundant and over-indexed rules.
 *
 * @param name stable name shown in progress and skipped-check reasons, {@code concern.what}
 * @param requirement what the role needs for the check to see anything
 * @param variants the query per server generation, newest first
 * @param rules what turns the rows into findings
 * @param <R> the row type
 */
public record HealthCheck<R>(String name, Requirement requirement, List<CatalogQuery<R>> variants,
    List<HealthRule<R>> rules) {

  public HealthCheck {
    variants = List.copyOf(variants);
    rules = List.copyOf(rules);
    if (variants.isEmpty() || rules.isEmpty()) {
      throw new IllegalArgumentException("a check needs a query and a rule: " + name);
    }
  }

  /** A check with one query that runs on every supported server and needs no special role. */
  @SafeVarargs
  public static <R> HealthCheck<R> of(String name, CatalogQuery<R> query, HealthRule<R>... rules) {
    return new HealthCheck<>(name, Requirement.NONE, List.of(query), List.of(rules));
  }

  /** The same check, needing {@code needed} from the role. */
  public HealthCheck<R> requiring(Requirement needed) {
    return new HealthCheck<>(name, needed, variants, rules);
  }

  /** The newest variant that runs on {@code serverVersion}, if any. */
  public Optional<CatalogQuery<R>> variantFor(int serverVersion) {
    return variants.stream().filter(v -> v.runsOn(serverVersion)).findFirst();
  }

  /** The oldest server version any variant supports. */
  public int minServerVersion() {
    return variants.stream().mapToInt(CatalogQuery::minServerVersion).min().orElseThrow();
  }

  /** Runs {@code query} and every rule over its rows. */
  public List<Finding> run(CatalogQuery<R> query, SafeExecutor executor) throws SQLException {
    List<R> rows = query.run(executor);
    List<Finding> findings = new ArrayList<>();
    for (HealthRule<R> rule : rules) {
      findings.addAll(rule.evaluate(rows));
    }
    return findings;
  }
}
