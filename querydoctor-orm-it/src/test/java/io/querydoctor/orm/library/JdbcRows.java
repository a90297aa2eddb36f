package io.querydoctor.orm.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A plain-JDBC row-mapper helper, as many applications have: it runs the query, and a mapper (another class)
 * reads the rows. The call site of its statements is the line that executes them, not the mapper.
 */
public final class JdbcRows {

  /** Maps the current row. */
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final DataSource dataSource;

  public JdbcRows(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, long id) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, id);
      ResultSet rows = st.executeQuery(); // site:row-mapper
      return Mapping.all(rows, mapper);
    }
  }

  /** The mapping loop, kept apart as helpers often do: it reads the rows to the end and closes them. */
  static final class Mapping {
    static <T> List<T> all(ResultSet rows, RowMapper<T> mapper) throws SQLException {
      List<T> out = new ArrayList<>();
      try (rows) {
        while (rows.next()) {
          out.add(mapper.map(rows));
        }
      }
      return out;
    }
  }
}
