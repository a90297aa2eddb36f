package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.AdvisorSettings;
import io.querydoctor.core.advisor.CandidateGenerator;
import io.querydoctor.core.advisor.ExistingIndex;
import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.core.advisor.IndexSelection;
import io.querydoctor.core.advisor.ParsedQuery;
import io.querydoctor.core.advisor.QueryParser;
import io.querydoctor.core.advisor.TableAccess;
import io.querydoctor.core.advisor.TableStats;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.core.advisor.WorkloadQuery;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.postgres.connect.ConnectionErrors;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index advisor for one PostgreSQL database, as {@code querydoctor advise} and {@code diagnose} call it:
 * read the workload (pg_stat_statements, plus statements from a capture or a digest), parse it, read the
 * tables and indexes it touches, propose candidates, select under the budget with the given what-if, and
 * turn the result into findings and DDL. Catalog reads go through the read-only {@link SafeExecutor}; only
 * the {@link WhatIf} may build anything (and only on a declared sandbox). Not thread-safe.
 */
public final class IndexAdvisor {

  /** Statements of pg_stat_statements considered, by total time: the head of the workload carries its cost. */
  public static final int DEFAULT_TOP = 50;

  private final AdvisorSettings settings;
  private final int top;
  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);

  public IndexAdvisor(AdvisorSettings settings, int top) {
    this.settings = settings;
    this.top = top;
  }

  public static IndexAdvisor withDefaults() {
    return new IndexAdvisor(AdvisorSettings.defaults(), DEFAULT_TOP);
  }

  /**
   * Advises for the workload in pg_stat_statements plus {@code extra}.
   *
   * @throws SQLException when the catalog cannot be read, or pg_stat_statements cannot and {@code extra} is empty
   * @throws WhatIfException when the what-if cannot plan even today's workload
   */
  public AdvisorResult advise(SafeExecutor executor, WhatIf whatIf, List<WorkloadStatement> extra)
      throws SQLException, WhatIfException {
    return advise(executor, whatIf, extra, true);
  }

  /**
   * Advises for {@code extra}, and the workload in pg_stat_statements too when {@code withStatements}: a workload
   * given on its own (a file of statements) is advised for as it is.
   */
  public AdvisorResult advise(SafeExecutor executor, WhatIf whatIf, List<WorkloadStatement> extra,
      boolean withStatements) throws SQLException, WhatIfException {
    return advise(executor, whatIf, extra, withStatements, ParameterSamples.none());
  }

  /**
   * As {@link #advise(SafeExecutor, WhatIf, List, boolean)}, planning each statement with parameters with its
   * sample's literal values where {@code samples} holds one, as a generic plan otherwise; the result says which
   * ({@link AdvisorResult#planning()}).
   */
  public AdvisorResult advise(SafeExecutor executor, WhatIf whatIf, List<WorkloadStatement> extra,
      boolean withStatements, ParameterSamples samples) throws SQLException, WhatIfException {
    List<WorkloadStatement> statements = new ArrayList<>(extra);
    try {
      if (withStatements) {
        statements = WorkloadMerge.merge(extra, new PgWorkloadReader(top).read(executor), fingerprinter);
      }
    } catch (SQLException e) {
      if (extra.isEmpty()) {
        throw new SQLException("cannot read the workload from pg_stat_statements: "
            + ConnectionErrors.firstLine(e.getMessage()), e);
      }
    }
    PgAdvisorCatalog catalog = new PgAdvisorCatalog(executor);
    QueryParser parser = new QueryParser(catalog.columns());
    Map<String, String> qualified = new HashMap<>();
    Map<String, Long> tableSizes = new HashMap<>();
    Map<String, Double> writesPerHour = new HashMap<>();
    Map<String, Double> meanMillis = new HashMap<>();
    Map<String, WorkloadQuery> byFingerprint = new LinkedHashMap<>();
    for (WorkloadStatement statement : statements) {
      // Candidates from the values a sample shows constant (a partial index's filter), as a literal text gives.
      ParsedQuery parsed = onTables(parser.parse(samples.constantsOf(statement.sql())), catalog, parser, qualified,
          tableSizes);
      String fingerprint = fingerprinter.fingerprint(statement.sql()).id();
      if (parsed.isWrite()) {
        writesPerHour.merge(parsed.writtenTable(), statement.callsPerHour() * Math.max(statement.rowsPerCall(), 1),
            Double::sum);
      }
      meanMillis.putIfAbsent(fingerprint, statement.meanMillis());
      WorkloadQuery query = new WorkloadQuery(fingerprint, statement.sql(), statement.callsPerHour(), parsed);
      byFingerprint.merge(fingerprint, query,
          (a, b) -> new WorkloadQuery(a.fingerprint(), a.sql(), a.callsPerHour() + b.callsPerHour(), a.parsed()));
    }
    List<WorkloadQuery> workload = new ArrayList<>(byFingerprint.values());
    List<ExistingIndex> existing = new ArrayList<>();
    Map<String, TableStats> stats = new HashMap<>();
    for (String table : qualified.keySet()) {
      existing.addAll(catalog.indexes(table));
      stats.put(table, new TableStats(table, tableSizes.get(table), writesPerHour.getOrDefault(table, 0.0)));
    }
    SampledWhatIf planner = new SampledWhatIf(whatIf, workload.stream().map(WorkloadQuery::sql).toList(), samples);
    IndexAdvice advice = new IndexSelection(planner, settings).select(workload, CandidateGenerator.withDefaults(),
        existing, stats);
    MissingIndexFindings findings = new MissingIndexFindings(qualified, meanMillis, settings.minCostReduction());
    List<String> ddl = new ArrayList<>();
    advice.chosen().forEach(c -> ddl.addAll(List.of(findings.ddl(c).split("\n"))));
    Map<String, String> planning = new LinkedHashMap<>();
    for (WorkloadQuery query : workload) {
      String how = planner.planning().get(query.sql());
      if (how != null && !query.parsed().isSkipped() && !query.parsed().accesses().isEmpty()) {
        planning.put(query.fingerprint(), how);
      }
    }
    return new AdvisorResult(advice, findings.findings(advice), ddl, statements.size(), planning);
  }

  /**
   * The statement with only the accesses to real tables kept (not unknown names); a view's own accesses stand in
   * for it (its definition from the catalog, parsed alike), since the planner plans a plain view's query inside
   * the statement and indexes on its tables serve it: without them an index that helps a statement through a view
   * would be priced as useless for it.
   */
  private static ParsedQuery onTables(ParsedQuery parsed, PgAdvisorCatalog catalog, QueryParser parser,
      Map<String, String> qualified, Map<String, Long> sizes) throws SQLException {
    if (parsed.isSkipped()) {
      return parsed;
    }
    List<TableAccess> kept = new ArrayList<>();
    addAccesses(parsed.accesses(), catalog, parser, qualified, sizes, kept, 0);
    String written = parsed.writtenTable() != null && resolve(parsed.writtenTable(), catalog, qualified, sizes)
        ? parsed.writtenTable() : null;
    return new ParsedQuery(kept, written, null);
  }

  /** Views nested deeper than this are not followed (a view over a view over a view is already rare). */
  private static final int MAX_VIEW_DEPTH = 3;

  private static void addAccesses(List<TableAccess> accesses, PgAdvisorCatalog catalog, QueryParser parser,
      Map<String, String> qualified, Map<String, Long> sizes, List<TableAccess> kept, int depth) throws SQLException {
    for (TableAccess access : accesses) {
      if (resolve(access.table(), catalog, qualified, sizes)) {
        kept.add(access);
      } else if (depth < MAX_VIEW_DEPTH) {
        Optional<String> view = catalog.viewDefinition(access.table());
        if (view.isPresent()) {
          ParsedQuery inner = parser.parse(view.get());
          if (!inner.isSkipped()) {
            addAccesses(inner.accesses(), catalog, parser, qualified, sizes, kept, depth + 1);
          }
        }
      }
    }
  }

  private static boolean resolve(String table, PgAdvisorCatalog catalog, Map<String, String> qualified,
      Map<String, Long> sizes) throws SQLException {
    if (qualified.containsKey(table)) {
      return true;
    }
    Optional<PgAdvisorCatalog.Table> found = catalog.table(table);
    found.ifPresent(t -> {
      qualified.put(table, t.qualifiedName());
      sizes.put(table, t.sizeBytes());
    });
    return found.isPresent();
  }
}
