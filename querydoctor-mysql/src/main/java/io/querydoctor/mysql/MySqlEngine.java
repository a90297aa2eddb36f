package io.querydoctor.mysql;

import io.querydoctor.core.engine.ConnectionRequest;
import io.querydoctor.core.engine.DatabaseEngine;
import io.querydoctor.core.engine.EngineFailure;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.mysql.connect.MySqlUrl;

/** MySQL and MariaDB behind core's engine SPI: {@code jdbc:mariadb://…} and {@code jdbc:mysql://…}. */
public final class MySqlEngine implements DatabaseEngine {

  public static final String NAME = "MySQL/MariaDB";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.MYSQL;
  }

  @Override
  public String urlForms() {
    return MySqlUrl.forms();
  }

  @Override
  public boolean acceptsUrl(String url) {
    return MySqlUrl.accepts(url);
  }

  @Override
  public EngineTarget target(ConnectionRequest request) throws EngineFailure {
    return new MySqlEngineTarget(this, MySqlUrl.parse(request.url()), request);
  }
}
