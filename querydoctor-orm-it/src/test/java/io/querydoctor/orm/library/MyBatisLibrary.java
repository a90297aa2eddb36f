package io.querydoctor.orm.library;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/** The same library read through MyBatis. */
public final class MyBatisLibrary {

  private final SqlSessionFactory sessions;

  public MyBatisLibrary(DataSource dataSource) {
    Configuration configuration = new Configuration(new Environment("it", new JdbcTransactionFactory(), dataSource));
    configuration.addMapper(BranchMapper.class);
    this.sessions = new SqlSessionFactoryBuilder().build(configuration);
  }

  /** One mapper call per id. */
  public List<String> namesOneByOne(List<Long> ids) {
    try (SqlSession session = sessions.openSession()) {
      BranchMapper mapper = session.getMapper(BranchMapper.class);
      List<String> names = new ArrayList<>();
      for (long id : ids) {
        names.add(mapper.nameById(id)); // site:mybatis-loop
      }
      return names;
    }
  }

  /** The fix: one {@code IN (…)} query built with {@code <foreach>}, in chunks of 100 ids. */
  public List<String> namesInChunks(List<Long> ids) {
    try (SqlSession session = sessions.openSession()) {
      BranchMapper mapper = session.getMapper(BranchMapper.class);
      List<String> names = new ArrayList<>();
      for (int from = 0; from < ids.size(); from += 100) {
        names.addAll(mapper.namesByIds(ids.subList(from, Math.min(ids.size(), from + 100))));
      }
      return names;
    }
  }
}
