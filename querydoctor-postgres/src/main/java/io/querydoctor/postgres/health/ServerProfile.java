package io.querydoctor.postgres.health;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The facts about the server and role that decide which checks can run, read once per diagnosis.
 *
 * @param versionNum {@code server_version_num}, e.g. {@code 170011}
 * @param database the current database
 * @param privileges what the connecting role may see
 * @param extensions the extensions installed in the current database
 */
public record ServerProfile(int versionNum, String database, RolePrivileges privileges, Set<String> extensions) {

  public ServerProfile {
    extensions = Set.copyOf(extensions);
  }

  private static final String SQL = """
      SELECT current_setting('server_version_num')::int AS version_num,
             current_database() AS database,
             coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) AS superuser,
             pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS read_all_stats,
             ARRAY(SELECT extname::text FROM pg_extension) AS extensions
      """;

  public static ServerProfile read(SafeExecutor executor) throws SQLException {
    return executor.queryOne(SQL, rs -> new ServerProfile(rs.getInt("version_num"), rs.getString("database"),
        new RolePrivileges(rs.getBoolean("superuser"), rs.getBoolean("read_all_stats")),
        Set.copyOf(Arrays.asList((String[]) rs.getArray("extensions").getArray()))));
  }

  /** {@code 17.11}-style text of a {@code server_version_num}. */
  public static String versionText(int versionNum) {
    return String.format(Locale.ROOT, "%d.%d", versionNum / 10000, versionNum % 10000);
  }
}
