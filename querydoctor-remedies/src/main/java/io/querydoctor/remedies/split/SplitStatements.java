package io.querydoctor.remedies.split;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.querydoctor.core.digest.StatementTables;
import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.core.sql.StatementKind;
import java.util.LinkedHashSet;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.util.TablesNamesFinder;

/** Whether a SQL text reads or writes and which tables (unqualified), decided once per distinct text. */
final class SplitStatements {

  /** One text's meaning for the split check. */
  record Meaning(Fingerprint fingerprint, boolean write, boolean read, Set<String> tables) {}

  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private final Cache<String, Meaning> meanings = Caffeine.newBuilder().maximumWeight(2_000_000)
      .weigher((String sql, Meaning m) -> sql.length() + 64).build();

  Meaning of(String sql) {
    return meanings.get(sql, this::decide);
  }

  private Meaning decide(String sql) {
    Fingerprint fingerprint = fingerprinter.fingerprint(sql);
    StatementKind kind = fingerprint.shape().kind();
    Set<String> tables = new LinkedHashSet<>();
    try {
      for (String name : new TablesNamesFinder<Void>().getTables(CCJSqlParserUtil.newParser(sql).Statement())) {
        String plain = StatementTables.plain(name);
        tables.add(plain.substring(plain.lastIndexOf('.') + 1));
      }
    } catch (Exception | Error e) {
      // Grammar JSqlParser does not know: no tables, so the statement takes no part in the check.
      tables.clear();
    }
    return new Meaning(fingerprint, kind.writes(), kind == StatementKind.SELECT, Set.copyOf(tables));
  }
}
