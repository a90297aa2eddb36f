package io.querydoctor.postgres;

import io.querydoctor.core.engine.ConnectionRequest;
import io.querydoctor.core.engine.DatabaseEngine;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.postgres.connect.ConnectionFailure;
import io.querydoctor.postgres.connect.PgUrl;
import java.util.Locale;

/** PostgreSQL behind core's engine SPI: {@code jdbc:postgresql://…} and libpq's {@code postgres[ql]://…}. */
public final class PgEngine implements DatabaseEngine {

  public static final String NAME = "PostgreSQL";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String urlForms() {
    return "jdbc:postgresql://host[:port]/database or postgres://host/database";
  }

  @Override
  public boolean acceptsUrl(String url) {
    String lower = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("jdbc:postgresql:") || lower.startsWith("postgres://")
        || lower.startsWith("postgresql://");
  }

  @Override
  public EngineTarget target(ConnectionRequest request) throws ConnectionFailure {
    return new PgEngineTarget(this, PgUrl.parse(request.url()), request);
  }
}
