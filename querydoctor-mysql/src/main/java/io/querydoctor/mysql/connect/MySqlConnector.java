package io.querydoctor.mysql.connect;

import io.querydoctor.core.engine.EngineFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens a connection to a user's MySQL or MariaDB and turns every way that can fail into one line that says what
 * to do. The user comes from {@code --user}, the {@code [client]} section of {@code ~/.my.cnf}, the OS user; the
 * password from, in order: the environment variable the user named, {@code MYSQL_PWD} (as the mysql client reads
 * it), {@code ~/.my.cnf}. A {@code user=}/{@code password=} in the URL's parameters is left to the driver. The
 * password is never printed.
 */
public final class MySqlConnector {

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int SOCKET_TIMEOUT_MILLIS = 300_000;

  private final Map<String, String> environment;
  private final MyCnf myCnf;

  public MySqlConnector(Map<String, String> environment, MyCnf myCnf) {
    this.environment = environment;
    this.myCnf = myCnf;
  }

  public static MySqlConnector standard(Map<String, String> environment) {
    return new MySqlConnector(environment, MyCnf.standard(environment));
  }

  /** Connects as {@code user} (else ~/.my.cnf's, else the OS user), with the password from {@code passwordEnv}. */
  public Connection connect(MySqlUrl url, String user, String passwordEnv) throws EngineFailure {
    Properties properties = new Properties();
    String effectiveUser = user != null ? user : myCnf.user().orElse(System.getProperty("user.name"));
    if (!url.url().contains("user=")) {
      properties.setProperty("user", effectiveUser);
    }
    password(passwordEnv).ifPresent(p -> properties.setProperty("password", p));
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MILLIS));
    properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_MILLIS));
    try {
      Connection connection = DriverManager.getConnection(url.url(), properties);
      if (connection == null) {
        throw new EngineFailure("no JDBC driver accepts '" + url.redacted() + "'");
      }
      return connection;
    } catch (SQLException e) {
      throw ConnectionErrors.describe(e, url, effectiveUser);
    }
  }

  private Optional<String> password(String passwordEnv) throws EngineFailure {
    if (passwordEnv != null) {
      String value = environment.get(passwordEnv);
      if (value == null) {
        throw new EngineFailure("environment variable " + passwordEnv + " (from --password-env) is not set");
      }
      return Optional.of(value);
    }
    String mysqlPwd = environment.get("MYSQL_PWD");
    if (mysqlPwd != null) {
      return Optional.of(mysqlPwd);
    }
    return myCnf.password();
  }
}
