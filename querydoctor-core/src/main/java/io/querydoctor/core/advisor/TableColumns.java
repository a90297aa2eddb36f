package io.querydoctor.core.advisor;

/**
 * What the parser may ask the database about its tables: which table an unqualified column belongs to when a
 * query reads several (TPC-H writes {@code l_orderkey = o_orderkey} without qualifiers).
 *
 * <p>Called on the parsing thread; implementations answer from a catalog snapshot and must not block.
 */
@FunctionalInterface
public interface TableColumns {

  /** Nothing is known: unqualified columns resolve only in single-table query blocks. */
  TableColumns NONE = (table, column) -> false;

  /** Whether {@code table} (lower case, as the statement names it, possibly schema-qualified) has {@code column}. */
  boolean has(String table, String column);
}
