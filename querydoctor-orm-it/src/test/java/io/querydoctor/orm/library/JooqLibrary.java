package io.querydoctor.orm.library;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The same library read through jOOQ. */
public final class JooqLibrary {

  private final DSLContext dsl;

  public JooqLibrary(DataSource dataSource) {
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** One query per id. */
  public List<String> namesOneByOne(List<Long> ids) {
    List<String> names = new ArrayList<>();
    for (long id : ids) {
      names.add(dsl.select(field("name", String.class)).from(table("branch")).where(field("id").eq(id)).fetchOne().value1()); // site:jooq-loop
    }
    return names;
  }

  /** The fix: one query with {@code IN (…)}. */
  public List<String> namesAtOnce(List<Long> ids) {
    return dsl.select(field("name", String.class)).from(table("branch")).where(field("id").in(ids)).fetch().getValues(0, String.class);
  }

  /** Inserts one row per statement. */
  public void insertVisitsOneByOne(int count) {
    for (int i = 0; i < count; i++) {
      dsl.insertInto(table("visit"), field("id"), field("branchid"), field("member")).values(100_000L + i, 1L, "m").execute(); // site:jooq-insert
    }
  }

  /** The fix: one batch. */
  public void insertVisitsBatched(int count) {
    var insert = dsl.insertInto(table("visit"), field("id"), field("branchid"), field("member"))
        .values((Long) null, (Long) null, (String) null);
    var batch = dsl.batch(insert);
    for (int i = 0; i < count; i++) {
      batch.bind(200_000L + i, 1L, "m");
    }
    batch.execute();
  }
}
