package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ContainedBy;
import net.sf.jsqlparser.expression.operators.relational.Contains;
import net.sf.jsqlparser.expression.operators.relational.DoubleAnd;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * One query block (a {@code SELECT … FROM … WHERE …} level, or the target of an UPDATE/DELETE) while it is
 * read: its tables by alias, and the predicates classified onto their {@link TableAccess}. Unqualified columns
 * resolve to the single table of the block, or with {@link TableColumns} to the one table that has the
 * column; then to the enclosing blocks. Columns that resolve nowhere are ignored.
 */
final class QueryBlock {

  private static final Set<String> CONTAINMENT_OPERATORS = Set.of("@>", "<@", "?", "?|", "?&");

  private final QueryBlock parent;
  private final Set<String> ctes;
  private final TableColumns catalog;
  private final List<TableAccess> out;
  private final Map<String, TableAccess> byAlias = new LinkedHashMap<>();
  private final List<ParenthesedSelect> derived = new ArrayList<>();
  private final List<Select> subqueries = new ArrayList<>();

  QueryBlock(QueryBlock parent, Set<String> ctes, TableColumns catalog, List<TableAccess> out) {
    this.parent = parent;
    this.ctes = ctes;
    this.catalog = catalog;
    this.out = out;
  }

  static String tableName(Table table) {
    String name = table.getUnquotedName().toLowerCase(Locale.ROOT);
    String schema = table.getUnquotedSchemaName();
    return schema == null ? name : schema.toLowerCase(Locale.ROOT) + "." + name;
  }

  void addFromItem(FromItem item) {
    if (item instanceof Table table) {
      String name = tableName(table);
      if (table.getSchemaName() == null && ctes.contains(name)) {
        return;
      }
      TableAccess access = new TableAccess(name);
      out.add(access);
      String alias = table.getAlias() == null ? table.getUnquotedName() : table.getAlias().getUnquotedName();
      byAlias.put(alias.toLowerCase(Locale.ROOT), access);
    } else if (item instanceof ParenthesedSelect select) {
      derived.add(select);
    } else if (item instanceof ParenthesedFromItem parenthesed) {
      addFromItem(parenthesed.getFromItem());
      if (parenthesed.getJoins() != null) {
        parenthesed.getJoins().forEach(j -> addFromItem(j.getRightItem()));
        parenthesed.getJoins().forEach(j -> j.getOnExpressions().forEach(this::where));
      }
    }
  }

  List<ParenthesedSelect> derivedTables() {
    return derived;
  }

  /** Subqueries met in predicates, select list and so on, to be read as blocks inside this one. */
  List<Select> subqueries() {
    return subqueries;
  }

  void where(Expression condition) {
    if (condition == null) {
      return;
    }
    mention(condition);
    conjunct(condition);
  }

  void usingColumn(Column column) {
    String name = column.getUnquotedColumnName().toLowerCase(Locale.ROOT);
    byAlias.values().stream().filter(a -> catalog.has(a.table(), name)).forEach(a -> {
      a.join(name);
      a.referenced(name);
    });
  }

  void selectItems(List<SelectItem<?>> items) {
    for (SelectItem<?> item : items) {
      Expression expression = item.getExpression();
      if (expression instanceof AllTableColumns all) {
        TableAccess access = byAlias.get(all.getTable().getUnquotedName().toLowerCase(Locale.ROOT));
        if (access != null) {
          access.selectAll();
        }
      } else if (expression instanceof AllColumns) {
        byAlias.values().forEach(TableAccess::selectAll);
      } else {
        for (Resolved r : columnsIn(expression)) {
          r.access().selected(r.column());
        }
        mention(expression);
      }
    }
  }

  void groupBy(ExpressionList<Expression> expressions) {
    if (expressions == null) {
      return;
    }
    for (Expression e : expressions) {
      Resolved r = column(e);
      if (r != null) {
        r.access().groupBy(r.column());
      }
      mention(e);
    }
  }

  void orderBy(List<OrderByElement> elements) {
    if (elements == null || elements.isEmpty()) {
      return;
    }
    List<Resolved> keys = new ArrayList<>();
    for (OrderByElement element : elements) {
      mention(element.getExpression());
      keys.add(column(element.getExpression()));
    }
    TableAccess table = keys.get(0) == null ? null : keys.get(0).access();
    if (table == null || keys.stream().anyMatch(k -> k == null || k.access() != table)) {
      return;
    }
    for (int i = 0; i < keys.size(); i++) {
      table.orderBy(new SortKey(keys.get(i).column(), !elements.get(i).isAsc()));
    }
  }

  /** Records every column {@code expression} mentions as referenced, and collects its subqueries. */
  void mention(Expression expression) {
    if (expression == null) {
      return;
    }
    for (Resolved r : columnsIn(expression)) {
      r.access().referenced(r.column());
    }
  }

  private void conjunct(Expression e) {
    Expression condition = ExpressionKinds.unwrap(e);
    if (condition instanceof AndExpression and) {
      conjunct(and.getLeftExpression());
      conjunct(and.getRightExpression());
    } else if (ExpressionKinds.isComparison(condition)) {
      comparison((BinaryExpression) condition);
    } else if (condition instanceof InExpression in && !in.isNot()) {
      inList(in);
    } else if (condition instanceof Between between && !between.isNot()) {
      Resolved r = column(between.getLeftExpression());
      if (r != null) {
        r.access().range(r.column());
      }
    } else if (condition instanceof LikeExpression like) {
      prefixLike(like);
    } else if (condition instanceof IsNullExpression isNull) {
      Resolved r = column(isNull.getLeftExpression());
      if (r != null) {
        String test = isNull.isNot() ? " IS NOT NULL" : " IS NULL";
        r.access().constantFilter(new ConstantFilter(r.column(), r.column() + test));
      }
    } else if (condition instanceof JsonOperator json && CONTAINMENT_OPERATORS.contains(json.getStringExpression())) {
      containment(json.getLeftExpression());
    } else if (condition instanceof DoubleAnd || condition instanceof Contains || condition instanceof ContainedBy) {
      containment(((BinaryExpression) condition).getLeftExpression());
    } else if (condition instanceof Column) {
      Resolved r = column(condition);
      if (r != null) {
        r.access().constantFilter(new ConstantFilter(r.column(), r.column()));
      }
    } else if (condition instanceof NotExpression not
        && ExpressionKinds.unwrap(not.getExpression()) instanceof Column) {
      Resolved r = column(ExpressionKinds.unwrap(not.getExpression()));
      if (r != null) {
        r.access().constantFilter(new ConstantFilter(r.column(), "NOT " + r.column()));
      }
    }
  }

  private void comparison(BinaryExpression comparison) {
    Expression left = ExpressionKinds.unwrap(comparison.getLeftExpression());
    Expression right = ExpressionKinds.unwrap(comparison.getRightExpression());
    Resolved l = column(left);
    Resolved r = column(right);
    if (l != null && r != null) {
      if (l.access() != r.access()) {
        l.access().join(l.column());
        r.access().join(r.column());
      }
      return;
    }
    if (l == null && r != null) {
      comparisonOf(r, right, left, comparison);
    } else if (l != null) {
      comparisonOf(l, left, right, comparison);
    } else {
      expressionComparison(left, right, comparison instanceof EqualsTo);
      expressionComparison(right, left, comparison instanceof EqualsTo);
    }
  }

  private void comparisonOf(Resolved column, Expression columnSide, Expression other, BinaryExpression comparison) {
    List<Resolved> otherColumns = columnsIn(other);
    if (!otherColumns.isEmpty() || ExpressionKinds.mentionsColumn(other)) {
      // col = outer.col + 1, or a correlated reference: a lookup by a value known per outer row.
      if (otherColumns.stream().noneMatch(o -> o.access() == column.access())) {
        column.access().join(column.column());
      }
      return;
    }
    if (comparison instanceof EqualsTo) {
      if (other instanceof Function f && ExpressionKinds.isAny(f)) {
        column.access().in(column.column());
        return;
      }
      column.access().equality(column.column());
      if (ExpressionKinds.isLiteral(other)) {
        column.access().constantFilter(new ConstantFilter(column.column(), column.column() + " = " + other));
      }
    } else if (!(other instanceof ParenthesedSelect)) {
      column.access().range(column.column());
    }
  }

  /** {@code lower(email) = ?}, {@code created_at::date = ?}: one column inside an expression, against a value. */
  private void expressionComparison(Expression expression, Expression value, boolean equality) {
    if (!(expression instanceof Function || expression instanceof CastExpression)) {
      return;
    }
    List<Resolved> inside = columnsIn(expression);
    if (inside.size() != 1 || !columnsIn(value).isEmpty()) {
      return;
    }
    Resolved r = inside.get(0);
    r.access().expressionFilter(new ExpressionFilter(bare(expression), r.column(), equality));
  }

  private void inList(InExpression in) {
    Expression left = ExpressionKinds.unwrap(in.getLeftExpression());
    Resolved r = column(left);
    if (r != null) {
      r.access().in(r.column());
    } else {
      expressionComparison(left, in.getRightExpression(), true);
    }
  }

  private void prefixLike(LikeExpression like) {
    if (like.isNot() || like.getLikeKeyWord() != LikeExpression.KeyWord.LIKE) {
      return;
    }
    Resolved r = column(like.getLeftExpression());
    if (r != null && like.getRightExpression() instanceof StringValue pattern
        && !pattern.getValue().isEmpty() && "%_".indexOf(pattern.getValue().charAt(0)) < 0) {
      r.access().range(r.column());
    }
  }

  private void containment(Expression left) {
    Resolved r = column(ExpressionKinds.unwrap(left));
    if (r != null) {
      r.access().containment(r.column());
    }
  }

  /** The expression's text with table qualifiers removed, as an index expression is written. */
  private String bare(Expression expression) {
    String text = expression.toString();
    for (String alias : byAlias.keySet()) {
      text = text.replaceAll("(?i)\\b" + java.util.regex.Pattern.quote(alias) + "\\.", "");
    }
    return text;
  }

  /** The table column {@code e} is, when it is a bare (possibly qualified) column; else null. */
  private Resolved column(Expression e) {
    return ExpressionKinds.unwrap(e) instanceof Column c ? resolve(c) : null;
  }

  /** Every resolvable column inside {@code e}; subqueries are collected for later, not entered. */
  private List<Resolved> columnsIn(Expression e) {
    List<Resolved> found = new ArrayList<>();
    if (e == null) {
      return found;
    }
    e.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Column column, S context) {
        Resolved r = resolve(column);
        if (r != null) {
          found.add(r);
        }
        return null;
      }

      @Override
      public <S> Void visit(ParenthesedSelect select, S context) {
        subquery(select);
        return null;
      }

      @Override
      public <S> Void visit(Select select, S context) {
        subquery(select);
        return null;
      }
    }, null);
    return found;
  }

  private void subquery(Select select) {
    if (subqueries.stream().noneMatch(s -> s == select)) {
      subqueries.add(select);
    }
  }

  Resolved resolve(Column column) {
    String name = column.getUnquotedColumnName().toLowerCase(Locale.ROOT);
    Table qualifier = column.getTable();
    if (qualifier != null && qualifier.getName() != null) {
      String alias = qualifier.getUnquotedName().toLowerCase(Locale.ROOT);
      for (QueryBlock block = this; block != null; block = block.parent) {
        TableAccess access = block.byAlias.get(alias);
        if (access != null) {
          return new Resolved(access, name);
        }
      }
      return null;
    }
    for (QueryBlock block = this; block != null; block = block.parent) {
      TableAccess access = block.owner(name);
      if (access != null) {
        return new Resolved(access, name);
      }
    }
    return null;
  }

  /** The table of this block that has {@code column}: by the catalog, else the block's only table. */
  private TableAccess owner(String column) {
    TableAccess found = null;
    for (TableAccess access : byAlias.values()) {
      if (catalog.has(access.table(), column)) {
        if (found != null) {
          return null;
        }
        found = access;
      }
    }
    if (found == null && byAlias.size() == 1 && (parent == null || catalog == TableColumns.NONE)) {
      return byAlias.values().iterator().next();
    }
    return found;
  }

  record Resolved(TableAccess access, String column) {}
}
