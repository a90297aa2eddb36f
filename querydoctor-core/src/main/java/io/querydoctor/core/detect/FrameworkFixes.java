package io.querydoctor.core.detect;

import io.querydoctor.core.capture.CallSite;

/**
 * Fix text in the terms of the data-access framework that ran the statements, chosen from the frames between the
 * application and the driver ({@link CallSite#framework()}, {@link CallSite#via()}). The detectors themselves
 * judge only the SQL and the bound values, so one rule serves Hibernate, Spring Data, jOOQ, MyBatis and plain
 * JDBC; only the advice differs.
 */
final class FrameworkFixes {

  private FrameworkFixes() {}

  /** {@code text} as the start of a sentence. */
  static String sentence(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String framework(CallSite site) {
    return site == null || site.framework() == null ? "" : site.framework();
  }

  private static boolean jpa(String framework) {
    return framework.equals(CallSite.HIBERNATE) || framework.equals(CallSite.SPRING_DATA_JPA)
        || framework.equals(CallSite.ECLIPSELINK);
  }

  /** Whether the loop loads entities by id one at a time ({@code find}/{@code get}/{@code getReference}). */
  static boolean loadsById(CallSite site) {
    String via = site == null || site.via() == null ? "" : site.via();
    return via.matches(".*\\.(find|get|getReference|load|findById|byId|getById|getReferenceById)$")
        || via.contains("IdentifierLoadAccess");
  }

  /** How to load the rows of many parents at once. */
  static String nPlusOne(CallSite site, boolean arrayShape) {
    String framework = framework(site);
    if (jpa(framework) && loadsById(site)) {
      return "load the entities in one call with multi-id loading: Session.findMultiple(Entity.class, ids) "
          + "(Hibernate 7; byMultipleIds(Entity.class).multiLoad(ids) before), Spring Data's findAllById(ids), or "
          + "a query `where e.id in :ids`";
    }
    if (framework.equals(CallSite.SPRING_DATA_JDBC)) {
      return "load the children with one query over all parent ids (findAllById(ids), or a @Query with "
          + "`IN (:ids)`), or make them part of the aggregate so they load with it";
    }
    if (framework.equals(CallSite.MYBATIS)) {
      return "select all rows in one mapper statement with a <foreach> IN list over the ids, or a nested "
          + "result map (<collection>/<association> with a join) instead of a nested select per row";
    }
    if (framework.equals(CallSite.JOOQ)) {
      return "fetch all rows in one query with field.in(ids) (or a join, or a MULTISET nested collection)";
    }
    if (jpa(framework)) {
      return "use a join fetch (JPQL JOIN FETCH, @EntityGraph) or batch fetching (@BatchSize on the association, "
          + "or hibernate.default_batch_fetch_size=50)";
    }
    return "load the rows for all parent ids in one query"
        + (arrayShape ? " with an array parameter (or IN (...))" : " with IN (...) or = ANY(?)")
        + "; with an ORM, use a join fetch (JPQL JOIN FETCH, @EntityGraph) or batch fetching "
        + "(@BatchSize, hibernate.default_batch_fetch_size)";
  }

  /** How to send many single writes at once. */
  static String unbatchedWrites(CallSite site) {
    String framework = framework(site);
    if (jpa(framework)) {
      return "let Hibernate batch the statements: hibernate.jdbc.batch_size=50 with hibernate.order_inserts=true "
          + "and hibernate.order_updates=true, ids from a sequence with a pooled optimizer (allocationSize 50), "
          + "not IDENTITY (IDENTITY ids disable insert batching); with pgjdbc also reWriteBatchedInserts=true";
    }
    if (framework.equals(CallSite.SPRING_DATA_JDBC)) {
      return "save the entities with one saveAll(…) call, or insert them with JdbcTemplate.batchUpdate";
    }
    if (framework.equals(CallSite.MYBATIS)) {
      return "open the SqlSession with ExecutorType.BATCH, or one multi-row INSERT with <foreach>";
    }
    if (framework.equals(CallSite.JOOQ)) {
      return "send them with dsl.batch(…) / batchInsert(records), or one insertInto(…).values(…).values(…)";
    }
    return "send the rows as one JDBC batch (addBatch/executeBatch; with pgjdbc set reWriteBatchedInserts=true), "
        + "one multi-row INSERT, or COPY for bulk loads";
  }

  /** How to stop fetching ids one round trip each. */
  static String sequencePerRow(CallSite site, String sequence) {
    String name = sequence == null ? "the sequence" : sequence;
    if (jpa(framework(site))) {
      return "allocate ids in blocks: @SequenceGenerator(sequenceName = \"" + name + "\", allocationSize = 50) "
          + "uses Hibernate's pooled optimizer: one nextval per 50 ids (the sequence must INCREMENT BY 50)";
    }
    return "fetch ids in blocks: INCREMENT BY 50 with a pooled or hi/lo allocator in the application, or "
        + "SELECT nextval('" + name + "') FROM generate_series(1, n) for n ids in one round trip";
  }
}
