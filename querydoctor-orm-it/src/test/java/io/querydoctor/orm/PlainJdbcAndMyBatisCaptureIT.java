package io.querydoctor.orm;

import static io.querydoctor.orm.Sites.assertAt;
import static io.querydoctor.orm.Sites.assertGatePasses;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.orm.library.JdbcRows;
import io.querydoctor.orm.library.MyBatisLibrary;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same pool read through a plain-JDBC row-mapper helper and through MyBatis. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PlainJdbcAndMyBatisCaptureIT {

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

  private static List<Long> ids(int count) {
    return LongStream.rangeClosed(1, count).boxed().toList();
  }

  @Test
  void rowMapperHelperIsBlamedWhereItExecutesNotWhereTheRowsAreRead() throws SQLException {
    JdbcRows rows = new JdbcRows(library.dataSource());
    try (Scope scope = QueryDoctor.scope("GET /titles")) {
      for (long id = 1; id <= 20; id++) {
        assertThat(rows.query("SELECT title FROM book WHERE id = ?", r -> r.getString(1), id)).hasSize(1);
      }
    }
    List<Finding> findings = QueryDoctor.session().findings("GET /titles");
    Finding n1 = Sites.of(findings, "n-plus-one").get(0);
    assertAt(n1, "row-mapper");
    assertThat(n1.fix().sql()).contains("id = ANY (?)");
  }

  @Test
  void myBatisMapperLoopIsNPlusOneWithAForeachFix() {
    MyBatisLibrary app = new MyBatisLibrary(library.dataSource());
    try (Scope scope = QueryDoctor.scope("GET /branches mybatis")) {
      assertThat(app.namesOneByOne(ids(25))).hasSize(25);
    }
    List<Finding> findings = QueryDoctor.session().findings("GET /branches mybatis");
    assertThat(Sites.of(findings, "n-plus-one")).hasSize(1);
    Finding n1 = Sites.of(findings, "n-plus-one").get(0);
    assertAt(n1, "mybatis-loop");
    assertThat(n1.fix().summary()).contains("<foreach");
  }

  @Test
  void myBatisInListChunksAreQuiet() {
    MyBatisLibrary app = new MyBatisLibrary(library.dataSource());
    try (Scope scope = QueryDoctor.scope("GET /branches mybatis chunks")) {
      assertThat(app.namesInChunks(ids(Library.BRANCHES))).hasSize(Library.BRANCHES);
    }
    List<Finding> findings = QueryDoctor.session().findings("GET /branches mybatis chunks");
    assertThat(Sites.of(findings, "n-plus-one")).isEmpty();
    assertGatePasses(findings);
  }
}
