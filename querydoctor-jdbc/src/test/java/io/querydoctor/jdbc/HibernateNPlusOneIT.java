package io.querydoctor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real ORM: a lazy {@code @OneToMany} iterated in a loop is reported as n-plus-one, naming the collection (its
 * table and join column, and Hibernate's lazy-collection entry point) and the application line; JOIN FETCH and
 * batch fetching are not.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class HibernateNPlusOneIT {

  @Entity(name = "Post")
  @Table(name = "post")
  static class Post {
    @Id
    Long id;
    String title;
    @OneToMany(mappedBy = "post")
    List<Comment> comments = new ArrayList<>();

    List<Comment> getComments() {
      return comments;
    }
  }

  @Entity(name = "Comment")
  @Table(name = "comment")
  static class Comment {
    @Id
    Long id;
    String body;
    @ManyToOne(fetch = FetchType.LAZY)
    Post post;
  }

  private final List<SessionFactory> factories = new ArrayList<>();
  private CaptureSession capture;

  @BeforeEach
  void data(TestDatabase db) throws SQLException {
    capture = CaptureSession.start(CaptureOptions.defaults());
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS comment, post");
      st.execute("CREATE TABLE post (id bigint PRIMARY KEY, title text)");
      st.execute("CREATE TABLE comment (id bigint PRIMARY KEY, body text, post_id bigint REFERENCES post)");
      st.execute("INSERT INTO post SELECT g, 'post ' || g FROM generate_series(1, 10) g");
      st.execute("INSERT INTO comment SELECT g, 'comment ' || g, g % 10 + 1 FROM generate_series(1, 40) g");
    }
  }

  @AfterEach
  void close() {
    factories.forEach(SessionFactory::close);
  }

  private SessionFactory sessionFactory(TestDatabase db, Map<String, Object> extra) {
    DataSource plain = new org.postgresql.ds.PGSimpleDataSource();
    ((org.postgresql.ds.PGSimpleDataSource) plain).setURL(db.jdbcUrl());
    ((org.postgresql.ds.PGSimpleDataSource) plain).setUser(db.user());
    Map<String, Object> settings = new HashMap<>();
    settings.put("hibernate.connection.datasource",
        QueryDoctor.wrap(plain, WrapOptions.defaults().withSession(capture).withPooled(true)));
    settings.put("hibernate.hbm2ddl.auto", "none");
    settings.putAll(extra);
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
    SessionFactory factory = new MetadataSources(registry).addAnnotatedClass(Post.class)
        .addAnnotatedClass(Comment.class).buildMetadata().buildSessionFactory();
    factories.add(factory);
    return factory;
  }

  private int commentsOfAllPosts(SessionFactory factory, String hql) {
    int comments = 0;
    try (Scope scope = capture.scope("GET /posts"); Session session = factory.openSession()) {
      session.beginTransaction();
      for (Post post : session.createQuery(hql, Post.class).getResultList()) {
        comments += post.getComments().size();
      }
      session.getTransaction().commit();
    }
    return comments;
  }

  private List<Finding> nPlusOne() {
    return capture.findings().stream().filter(f -> f.ruleId().equals("n-plus-one")).toList();
  }

  @Test
  void lazyCollectionInALoopIsNPlusOne(TestDatabase db) {
    SessionFactory factory = sessionFactory(db, Map.of());
    assertThat(commentsOfAllPosts(factory, "from Post order by id")).isEqualTo(40);

    assertThat(nPlusOne()).singleElement().satisfies(f -> {
      assertThat(f.title()).contains("GET /posts", "rows of comment by post_id", "10 queries per run",
          HibernateNPlusOneIT.class.getName() + ".commentsOfAllPosts(HibernateNPlusOneIT.java:");
      // Hibernate's lazy collection is named by the framework method the loop called into.
      assertThat(f.detail()).contains("through org.hibernate.collection.", "a lazily loaded collection");
      assertThat(f.fix().summary()).contains("JOIN FETCH", "@BatchSize");
      assertThat(f.fix().sql()).contains("post_id = ANY (?)");
    });
  }

  @Test
  void joinFetchIsNot(TestDatabase db) {
    SessionFactory factory = sessionFactory(db, Map.of());
    assertThat(commentsOfAllPosts(factory, "select distinct p from Post p left join fetch p.comments order by p.id"))
        .isEqualTo(40);
    assertThat(nPlusOne()).isEmpty();
    assertThat(capture.aggregate().totalCalls()).isEqualTo(1);
  }

  @Test
  void batchFetchingIsNot(TestDatabase db) {
    SessionFactory factory = sessionFactory(db, Map.of("hibernate.default_batch_fetch_size", "16"));
    assertThat(commentsOfAllPosts(factory, "from Post order by id")).isEqualTo(40);
    assertThat(nPlusOne()).isEmpty();
    assertThat(capture.aggregate().totalCalls()).isLessThanOrEqualTo(3);
  }
}
