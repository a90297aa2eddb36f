package io.querydoctor.remedies.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.querydoctor.core.digest.StatementTables;
import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.core.sql.StatementKind;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Decides, once per distinct SQL text, whether a statement reads or writes and which tables: the fingerprinter
 * gives the kind, JSqlParser the tables (every table the statement names, in subqueries and CTEs too, which the
 * word heuristic of {@link StatementTables} would miss: a missed table would be a stale read here).
 *
 * <p>Design note: errors lean towards safety. A statement that is not a plain SELECT counts as a write; a write
 * whose tables cannot be parsed invalidates every entry; a read that cannot be parsed, that locks rows, or that
 * contains a data-modifying word (a writing CTE, a function call cannot be seen) is never cached.
 */
final class StatementPlanner {

  private final CacheOptions options;
  private final SqlFingerprinter fingerprinter;
  // Bounded by the characters of the texts it keeps: plain statements with inline literals are many and long.
  private final Cache<String, StatementPlan> plans = Caffeine.newBuilder().maximumWeight(4_000_000)
      .weigher((String sql, StatementPlan plan) -> sql.length() + 64).build();

  StatementPlanner(CacheOptions options) {
    this.options = options;
    this.fingerprinter = SqlFingerprinter.of(options.dialect());
  }

  StatementPlan plan(String sql) {
    return plans.get(sql, this::decide);
  }

  private StatementPlan decide(String sql) {
    Fingerprint fingerprint = fingerprinter.fingerprint(sql);
    StatementKind kind = fingerprint.shape().kind();
    if (kind == StatementKind.OTHER && readsOnly(sql)) {
      return new StatementPlan(fingerprint, false, Set.of(), false, null);
    }
    Set<String> tables = tables(sql);
    if (kind != StatementKind.SELECT || writesInside(fingerprint.normalized())) {
      // DDL, TRUNCATE, CALL, COPY: whatever they touch, every entry goes.
      return new StatementPlan(fingerprint, true, kind == StatementKind.OTHER ? null : tables, false, null);
    }
    boolean cacheable = tables != null && !fingerprint.shape().locksRows()
        && options.allows(fingerprint.id(), tables);
    return new StatementPlan(fingerprint, false, tables == null ? Set.of() : tables, cacheable,
        cacheable ? options.ttl(fingerprint.id(), tables) : null);
  }

  /** SHOW, SET, BEGIN, COMMIT and friends change no rows; anything else of kind OTHER might (DDL, CALL, COPY). */
  private static boolean readsOnly(String sql) {
    String head = sql.stripLeading().toUpperCase(Locale.ROOT);
    for (String harmless : new String[] {"SHOW", "SET ", "BEGIN", "START TRANSACTION", "COMMIT", "ROLLBACK",
        "SAVEPOINT", "RELEASE", "END", "EXPLAIN SELECT", "VALUES"}) {
      if (head.startsWith(harmless)) {
        return true;
      }
    }
    return false;
  }

  private static boolean writesInside(String normalized) {
    String upper = " " + normalized.toUpperCase(Locale.ROOT).replace('(', ' ') + " ";
    return upper.contains(" INSERT ") || upper.contains(" UPDATE ") || upper.contains(" DELETE ")
        || upper.contains(" MERGE ") || upper.contains(" NEXTVAL ") || upper.contains(" SETVAL ");
  }

  /**
   * A table's name without quotes, case or schema. Versions are kept per unqualified name so that a write to
   * {@code orders} (found through the search path) invalidates reads of {@code sales.orders}: two schemas'
   * tables of one name invalidate each other, which costs hits, never correctness.
   */
  static String unqualified(String name) {
    String plain = StatementTables.plain(name);
    return plain.substring(plain.lastIndexOf('.') + 1);
  }

  /** Every table named, unqualified; null when the text does not parse. */
  private static Set<String> tables(String sql) {
    try {
      Statement statement = CCJSqlParserUtil.newParser(sql).Statement();
      Set<String> plain = new LinkedHashSet<>();
      for (String name : new TablesNamesFinder<Void>().getTables(statement)) {
        plain.add(unqualified(name));
      }
      return plain;
    } catch (Exception | Error e) {
      // JSqlParser reports grammar it does not know by ParseException or TokenMgrError.
      return null;
    }
  }
}
