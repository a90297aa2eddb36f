package io.querydoctor.core.engine;

import java.util.Map;

/**
 * What a user said about how to reach a database: the URL, the user to connect as, and where the password is.
 * Engines complete it from their own conventions (PGUSER and ~/.pgpass, MYSQL_PWD and ~/.my.cnf).
 *
 * @param url the URL as given (may hold a password in a libpq-style URI; never printed as given)
 * @param user the user to connect as, or null for the engine's default
 * @param passwordEnv the name of an environment variable holding the password, or null
 * @param environment the process environment the engine reads its variables from (tests pass their own)
 */
public record ConnectionRequest(String url, String user, String passwordEnv, Map<String, String> environment) {

  public ConnectionRequest {
    environment = Map.copyOf(environment);
  }

  /** A request that reads the real process environment. */
  public static ConnectionRequest of(String url, String user, String passwordEnv) {
    return new ConnectionRequest(url, user, passwordEnv, System.getenv());
  }

  /** Never shows the URL (it may carry a password) or the environment. */
  @Override
  public String toString() {
    return "ConnectionRequest[user=" + user + ", passwordEnv=" + passwordEnv + "]";
  }
}
