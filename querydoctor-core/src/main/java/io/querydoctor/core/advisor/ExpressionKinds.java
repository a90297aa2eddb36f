package io.querydoctor.core.advisor;

import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * What kind of expression a JSqlParser node is, as predicate classification needs to know: a comparison, a
 * literal (a partial index can use it), a parameter, {@code ANY(…)}, one wrapped in parentheses.
 */
final class ExpressionKinds {

  private ExpressionKinds() {}

  static boolean isComparison(Expression e) {
    return e instanceof EqualsTo || e instanceof GreaterThan || e instanceof GreaterThanEquals
        || e instanceof MinorThan || e instanceof MinorThanEquals;
  }

  /** Whether {@code e} names any column, resolvable or not (a CTE's or a derived table's column). */
  static boolean mentionsColumn(Expression e) {
    boolean[] found = {false};
    e.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Column column, S context) {
        found[0] = true;
        return null;
      }

      @Override
      public <S> Void visit(ParenthesedSelect select, S context) {
        return null;
      }

      @Override
      public <S> Void visit(Select select, S context) {
        return null;
      }
    }, null);
    return found[0];
  }

  static boolean isAny(Function f) {
    return f.getName() != null && f.getName().equalsIgnoreCase("ANY");
  }

  static boolean isLiteral(Expression e) {
    Expression v = unwrap(e);
    if (v instanceof CastExpression cast) {
      return isLiteral(cast.getLeftExpression());
    }
    if (v instanceof SignedExpression signed) {
      return isLiteral(signed.getExpression());
    }
    return v instanceof StringValue || v instanceof LongValue || v instanceof DoubleValue || v instanceof DateValue
        || v instanceof TimestampValue || v instanceof TimeValue || v instanceof DateTimeLiteralExpression
        || v instanceof NullValue || v instanceof net.sf.jsqlparser.expression.BooleanValue;
  }

  static boolean isParameter(Expression e) {
    return e instanceof JdbcParameter || e instanceof JdbcNamedParameter;
  }

  static Expression unwrap(Expression e) {
    Expression current = e;
    while (true) {
      if (current instanceof Parenthesis p) {
        current = p.getExpression();
      } else if (current instanceof ParenthesedExpressionList<?> list && list.size() == 1
          && !(current instanceof ParenthesedSelect)) {
        current = list.get(0);
      } else {
        return current;
      }
    }
  }
}
