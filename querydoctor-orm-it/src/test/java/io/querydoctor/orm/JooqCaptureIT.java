package io.querydoctor.orm;

import static io.querydoctor.orm.Sites.assertAt;
import static io.querydoctor.orm.Sites.assertGatePasses;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.orm.library.JooqLibrary;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The library read and written through jOOQ: the problems at the application's line, in jOOQ's terms. */
@ExtendWith(EmbeddedPostgresExtension.class)
class JooqCaptureIT {

  private static Library library;

  @BeforeAll
  static void open(TestDatabase db) throws SQLException {
    library = Library.open(db);
  }

  @AfterAll
  static void close() {
    library.close();
  }

  @BeforeEach
  void reset() {
    QueryDoctor.session().reset();
  }

  private static List<Finding> in(String name, Runnable work) {
    try (Scope scope = QueryDoctor.scope(name)) {
      work.run();
    }
    return QueryDoctor.session().findings(name);
  }

  private static List<Long> ids(int count) {
    return LongStream.rangeClosed(1, count).boxed().toList();
  }

  @Test
  void queryPerIdIsNPlusOneWithAnInListFix() {
    JooqLibrary app = new JooqLibrary(library.dataSource());
    List<Finding> findings = in("GET /branches jooq", () -> assertThat(app.namesOneByOne(ids(25))).hasSize(25));
    assertThat(Sites.of(findings, "n-plus-one")).hasSize(1);
    Finding n1 = Sites.of(findings, "n-plus-one").get(0);
    assertAt(n1, "jooq-loop");
    assertThat(n1.fix().summary()).contains(".in(ids)");
  }

  @Test
  void oneInListQueryIsQuiet() {
    JooqLibrary app = new JooqLibrary(library.dataSource());
    List<Finding> findings = in("GET /branches jooq at once",
        () -> assertThat(app.namesAtOnce(ids(Library.BRANCHES))).hasSize(Library.BRANCHES));
    assertThat(findings).isEmpty();
  }

  @Test
  void singleInsertsAreUnbatchedWritesWithAJooqBatchFix() {
    JooqLibrary app = new JooqLibrary(library.dataSource());
    List<Finding> findings = in("POST /visits jooq", () -> app.insertVisitsOneByOne(30));
    Finding unbatched = Sites.of(findings, "unbatched-writes").get(0);
    assertAt(unbatched, "jooq-insert");
    assertThat(unbatched.fix().summary()).contains("dsl.batch");
    assertThat(findings).extracting(Finding::ruleId).doesNotContain("too-many-queries");
  }

  @Test
  void aBatchIsQuiet() {
    JooqLibrary app = new JooqLibrary(library.dataSource());
    List<Finding> findings = in("POST /visits jooq batch", () -> app.insertVisitsBatched(300));
    assertThat(Sites.of(findings, "unbatched-writes")).isEmpty();
    assertGatePasses(findings);
  }
}
