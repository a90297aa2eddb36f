package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Reads what an index advisor needs from one SQL statement: per query block and table, the columns of
 * equality, {@code IN}, range and join predicates, {@code ORDER BY}/{@code GROUP BY}, the selected columns, and
 * the filters that call for partial, expression and GIN indexes.
 *
 * <p>Design note: JSqlParser gives the tree; this class only walks statements and query blocks (CTEs, set
 * operations, derived tables, subqueries in predicates each become a {@link QueryBlock} whose parent is the
 * block around it, so that correlated columns resolve to the outer table and count as joins). Only top-level
 * conjuncts of a {@code WHERE}/{@code ON} are index predicates: a predicate under {@code OR} is not sargable
 * for one B-tree and is left out rather than guessed at. A statement the parser rejects is skipped with the
 * parser's first line as the reason; nothing here throws for bad SQL.
 *
 * <p>Parameters may be {@code ?} (JDBC) or {@code $n} (pg_stat_statements, including where it replaces the
 * string of a typed literal: {@link TypedParameters}). Uses
 * {@code CCJSqlParserUtil.newParser(sql).Statement()}: {@code parse()} would start a thread pool per call.
 * Thread-safe: no state between calls.
 */
public final class QueryParser {

  private final TableColumns columns;

  public QueryParser(TableColumns columns) {
    this.columns = columns;
  }

  public QueryParser() {
    this(TableColumns.NONE);
  }

  /** Parses {@code sql}; never throws for bad input (see {@link ParsedQuery#skipReason()}). */
  public ParsedQuery parse(String sql) {
    Statement statement;
    try {
      statement = CCJSqlParserUtil.newParser(TypedParameters.rewrite(sql)).Statement();
    } catch (Exception | StackOverflowError e) {
      return ParsedQuery.skipped("cannot parse: " + firstLine(e.getMessage()));
    }
    try {
      return read(statement);
    } catch (RuntimeException e) {
      return ParsedQuery.skipped("cannot analyze: " + firstLine(e.getMessage()));
    }
  }

  private ParsedQuery read(Statement statement) {
    List<TableAccess> out = new ArrayList<>();
    if (statement instanceof Select select) {
      readSelect(select, null, new HashSet<>(), out);
      return new ParsedQuery(out, null, null);
    }
    if (statement instanceof Update update) {
      QueryBlock block = new QueryBlock(null, Set.of(), columns, out);
      block.addFromItem(update.getTable());
      block.addFromItem(update.getFromItem());
      joins(block, update.getStartJoins());
      joins(block, update.getJoins());
      block.where(update.getWhere());
      readNested(block, out);
      return new ParsedQuery(out, name(update.getTable()), null);
    }
    if (statement instanceof Delete delete) {
      QueryBlock block = new QueryBlock(null, Set.of(), columns, out);
      block.addFromItem(delete.getTable());
      if (delete.getUsingList() != null) {
        delete.getUsingList().forEach(block::addFromItem);
      }
      joins(block, delete.getJoins());
      block.where(delete.getWhere());
      readNested(block, out);
      return new ParsedQuery(out, name(delete.getTable()), null);
    }
    if (statement instanceof Insert insert) {
      if (insert.getSelect() != null && !(insert.getSelect() instanceof net.sf.jsqlparser.statement.select.Values)) {
        readSelect(insert.getSelect(), null, new HashSet<>(), out);
      }
      return new ParsedQuery(out, name(insert.getTable()), null);
    }
    if (statement instanceof Merge merge) {
      return new ParsedQuery(out, name(merge.getTable()), null);
    }
    return ParsedQuery.skipped("not a query or a write: " + statement.getClass().getSimpleName());
  }

  private void readSelect(Select select, QueryBlock parent, Set<String> ctes, List<TableAccess> out) {
    Set<String> visible = new HashSet<>(ctes);
    if (select.getWithItemsList() != null) {
      for (WithItem<?> with : select.getWithItemsList()) {
        visible.add(with.getUnquotedAliasName().toLowerCase(Locale.ROOT));
        if (with.getSelect() != null) {
          readSelect(with.getSelect(), parent, visible, out);
        }
      }
    }
    if (select instanceof PlainSelect plain) {
      readPlain(plain, parent, visible, out);
    } else if (select instanceof SetOperationList set) {
      set.getSelects().forEach(s -> readSelect(s, parent, visible, out));
    } else if (select instanceof ParenthesedSelect parenthesed) {
      readSelect(parenthesed.getSelect(), parent, visible, out);
    }
  }

  private void readPlain(PlainSelect plain, QueryBlock parent, Set<String> ctes, List<TableAccess> out) {
    QueryBlock block = new QueryBlock(parent, ctes, columns, out);
    block.addFromItem(plain.getFromItem());
    joins(block, plain.getJoins());
    block.where(plain.getWhere());
    block.selectItems(plain.getSelectItems());
    if (plain.getGroupBy() != null) {
      block.groupBy(plain.getGroupBy().getGroupByExpressionList());
    }
    block.mention(plain.getHaving());
    block.orderBy(plain.getOrderByElements());
    for (ParenthesedSelect derived : block.derivedTables()) {
      // Only a LATERAL subquery sees the tables before it; a plain derived table sees the enclosing blocks.
      readSelect(derived, derived instanceof LateralSubSelect ? block : parent, ctes, out);
    }
    readNested(block, out, ctes);
  }

  private void readNested(QueryBlock block, List<TableAccess> out) {
    readNested(block, out, Set.of());
  }

  private void readNested(QueryBlock block, List<TableAccess> out, Set<String> ctes) {
    for (int i = 0; i < block.subqueries().size(); i++) {
      readSelect(block.subqueries().get(i), block, ctes, out);
    }
  }

  private static void joins(QueryBlock block, List<Join> joins) {
    if (joins == null) {
      return;
    }
    for (Join join : joins) {
      block.addFromItem(join.getRightItem());
    }
    for (Join join : joins) {
      join.getOnExpressions().forEach(block::where);
      if (join.getUsingColumns() != null) {
        join.getUsingColumns().forEach(block::usingColumn);
      }
    }
  }

  private static String name(Table table) {
    return table == null ? null : QueryBlock.tableName(table);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
