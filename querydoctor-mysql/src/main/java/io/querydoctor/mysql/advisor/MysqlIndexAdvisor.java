package io.querydoctor.mysql.advisor;

import io.querydoctor.core.advisor.AdvisorSettings;
import io.querydoctor.core.advisor.CandidateGenerator;
import io.querydoctor.core.advisor.ExistingIndex;
import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.IndexAdvice.QueryEffect;
import io.querydoctor.core.advisor.IndexSelection;
import io.querydoctor.core.advisor.OrderedIndexRule;
import io.querydoctor.core.advisor.ParsedQuery;
import io.querydoctor.core.advisor.QueryParser;
import io.querydoctor.core.advisor.SortKey;
import io.querydoctor.core.advisor.TableAccess;
import io.querydoctor.core.advisor.TableStats;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.core.advisor.WorkloadQuery;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.Verification;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.mysql.plan.rules.MysqlDdl;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The index advisor on MySQL/MariaDB: core's selection ({@link IndexSelection}: greedy, re-planned after each pick,
 * under a storage budget) with the {@link BuiltIndexWhatIf} on the declared sandbox as its oracle. Candidates come
 * from core's ordered-composite rule only: these engines have no partial, INCLUDE or GIN indexes. The chosen indexes
 * become {@code missing-index} findings with the online DDL ({@code ALGORITHM=INPLACE, LOCK=NONE}). Not thread-safe.
 */
public final class MysqlIndexAdvisor {

  /** A workload statement: its text (runnable: literal values, not {@code ?}) and how often it runs. */
  public record Statement(String sql, double callsPerHour) {}

  /** The advice and its findings. */
  public record Result(IndexAdvice advice, List<Finding> findings, List<String> ddl) {}

  private final AdvisorSettings settings;
  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.MYSQL);

  public MysqlIndexAdvisor(AdvisorSettings settings) {
    this.settings = settings;
  }

  /**
   * Core's defaults in this server's cost units: core's "already cheap" floor (100) and per-write upkeep (4) are
   * PostgreSQL planner units, about MySQL's; MariaDB 11's cost model counts about a hundredth of that (a 60 000-row
   * scan costs 10 there, 6 000 on MySQL), so both are scaled down by 100 there.
   */
  public static AdvisorSettings settingsFor(SandboxDatabase sandbox, Long budgetBytes) {
    AdvisorSettings defaults = AdvisorSettings.defaults().withBudgetBytes(budgetBytes);
    if (!sandbox.costsInMilliseconds()) {
      return defaults;
    }
    return new AdvisorSettings(defaults.budgetBytes(), defaults.budgetFraction(), defaults.minCostReduction(),
        defaults.maintenanceCostPerWrite() / 100, defaults.minQueryCost() / 100, defaults.minPickGain(),
        defaults.maxIndexWidth());
  }

  public Result advise(SandboxDatabase sandbox, WhatIf whatIf, List<Statement> statements)
      throws SQLException, WhatIfException {
    MysqlAdvisorCatalog catalog = new MysqlAdvisorCatalog(sandbox);
    QueryParser parser = new QueryParser(catalog.columns());
    Map<String, WorkloadQuery> byFingerprint = new LinkedHashMap<>();
    Map<String, TableStats> stats = new HashMap<>();
    List<ExistingIndex> existing = new ArrayList<>();
    for (Statement given : statements) {
      // A shape from a log or a capture holds ? where its values were: EXPLAIN needs values of the right type.
      Statement statement = new Statement(SampleValues.fill(given.sql(), catalog::columnType), given.callsPerHour());
      ParsedQuery parsed = onTables(parser.parse(statement.sql()), catalog);
      for (String table : parsed.tables()) {
        if (!stats.containsKey(table)) {
          stats.put(table, new TableStats(table, catalog.sizeBytes(table), 0));
          existing.addAll(catalog.indexes(table));
        }
      }
      String fingerprint = fingerprinter.fingerprint(statement.sql()).id();
      byFingerprint.merge(fingerprint, new WorkloadQuery(fingerprint, statement.sql(), statement.callsPerHour(), parsed),
          (a, b) -> new WorkloadQuery(a.fingerprint(), a.sql(), a.callsPerHour() + b.callsPerHour(), a.parsed()));
    }
    IndexAdvice advice = new IndexSelection(whatIf, settings).select(new ArrayList<>(byFingerprint.values()),
        new CandidateGenerator(List.of(new OrderedIndexRule())), existing, stats);
    List<Finding> findings = new ArrayList<>();
    List<String> ddl = new ArrayList<>();
    for (ChosenIndex chosen : advice.chosen()) {
      String sql = ddl(chosen, catalog);
      ddl.add(sql);
      findings.add(finding(chosen, sql, catalog.tableName(chosen.index().table()), advice.method()));
    }
    return new Result(advice, findings, ddl);
  }

  private static ParsedQuery onTables(ParsedQuery parsed, MysqlAdvisorCatalog catalog) {
    if (parsed.isSkipped()) {
      return parsed;
    }
    List<TableAccess> kept = parsed.accesses().stream().filter(a -> catalog.hasTable(a.table())).toList();
    String written = parsed.writtenTable() != null && catalog.hasTable(parsed.writtenTable()) ? parsed.writtenTable()
        : null;
    return new ParsedQuery(kept, written, null);
  }

  static String ddl(ChosenIndex chosen, MysqlAdvisorCatalog catalog) {
    List<String> columns = chosen.index().keys().stream().map(SortKey::expression).toList();
    StringBuilder sql = new StringBuilder(MysqlDdl.addIndex(catalog.tableName(chosen.index().table()), columns));
    for (ExistingIndex redundant : chosen.madeRedundant()) {
      sql.append("\nALTER TABLE ").append(MysqlDdl.quote(catalog.tableName(redundant.table()))).append(" DROP INDEX ")
          .append(MysqlDdl.quote(redundant.name())).append(", ALGORITHM=INPLACE, LOCK=NONE;");
    }
    return sql.toString();
  }

  private Finding finding(ChosenIndex chosen, String ddl, String table, String method) {
    StringBuilder detail = new StringBuilder(String.format(Locale.ROOT,
        "Saves %.0f %% of the optimizer cost of the queries that would use it; about %d kB on disk.",
        100 * chosen.reduction(), chosen.sizeBytes() / 1024));
    for (QueryEffect effect : chosen.effects()) {
      detail.append(String.format(Locale.ROOT, " Query %s (%.0f calls/h): cost %.1f → %.1f.",
          effect.query().fingerprint(), effect.query().callsPerHour(), effect.costBefore(), effect.costAfter()));
    }
    Finding.Builder builder = Finding.builder("missing-index", chosen.reduction() >= 0.9 ? Severity.HIGH
            : Severity.MEDIUM)
        .title("Missing index on " + table + " (" + chosen.index().keySql() + ")")
        .subject(Subject.columns(table, chosen.index().keyColumns()))
        .detail(detail.toString())
        .evidence(Evidence.crossed("cost_reduction", Math.round(chosen.reduction() * 1000) / 1000.0, "ratio",
            settings.minCostReduction()))
        .evidence(Evidence.of("index_size", chosen.sizeBytes(), "bytes"))
        .evidence(Evidence.of("queries_helped", chosen.effects().size(), "count"))
        .impact(io.querydoctor.core.finding.Impact.unknown("optimizer cost only: the statements' times were not "
            + "measured"))
        .fix(Fix.sql("Add the index online (ALGORITHM=INPLACE, LOCK=NONE: reads and writes go on while it builds)"
            + (chosen.madeRedundant().isEmpty() ? "." : ", then drop the index it makes redundant."), ddl))
        .verification(new Verification(Verification.Method.ESTIMATED, "optimizer_cost", chosen.costBefore(),
            chosen.costAfter(), null, "calls/h × optimizer cost of the queries whose plans use it; index " + method));
    builder.concerns(Subject.table(table));
    chosen.effects().forEach(e -> builder.concerns(Subject.fingerprint(e.query().fingerprint())));
    return builder.build();
  }
}
