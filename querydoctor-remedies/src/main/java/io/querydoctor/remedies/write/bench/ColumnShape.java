package io.querydoctor.remedies.write.bench;

/**
 * One column of the table a benchmark imitates, as the JDBC catalog describes it.
 *
 * @param name the column's name as the catalog spells it
 * @param jdbcType its {@link java.sql.Types} code
 * @param typeName the engine's type name ({@code int8}, {@code timestamptz}, {@code jsonb})
 * @param size the declared length or precision (0 when none)
 * @param scale the declared scale (digits after the point)
 * @param nullable whether it accepts NULL
 * @param generated whether the engine computes it ({@code GENERATED ALWAYS AS (…) STORED}): never written
 * @param unique whether a primary key or unique index covers it (its values must differ row to row)
 */
public record ColumnShape(String name, int jdbcType, String typeName, int size, int scale, boolean nullable,
    boolean generated, boolean unique) {}
