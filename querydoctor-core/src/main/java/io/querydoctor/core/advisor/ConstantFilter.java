package io.querydoctor.core.advisor;

/**
 * A filter on a column against a literal written into the statement ({@code status = 'active'},
 * {@code deleted_at IS NULL}): a query that always carries it is a candidate for a partial index.
 *
 * @param column the filtered column
 * @param predicate the predicate as SQL, on the bare column name, usable as an index's {@code WHERE}
 */
public record ConstantFilter(String column, String predicate) {}
