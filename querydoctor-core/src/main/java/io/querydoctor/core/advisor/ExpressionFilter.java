package io.querydoctor.core.advisor;

/**
 * A filter on an expression of one column ({@code lower(email) = ?}, {@code created_at::date = ?}): no plain
 * index on the column serves it, an expression index can.
 *
 * @param expression the expression as SQL, on the bare column name
 * @param column the column inside it
 * @param equality compared with {@code =}/{@code IN} (else a range)
 */
public record ExpressionFilter(String expression, String column, boolean equality) {}
