package io.querydoctor.demo.workload;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the demo application gets its connections: plain JDBC, or a capturing wrapper around it. */
@FunctionalInterface
public interface ConnectionSource {

  /** A new connection in autocommit mode; the caller closes it. */
  Connection open() throws SQLException;
}
