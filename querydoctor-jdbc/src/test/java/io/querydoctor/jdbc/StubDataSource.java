package io.querydoctor.jdbc;

import java.sql.Connection;

/** A data source over {@link StubDriver} connections. */
final class StubDataSource implements ConnectionSource {

  @Override
  public Connection getConnection() {
    return StubDriver.connection();
  }
}
