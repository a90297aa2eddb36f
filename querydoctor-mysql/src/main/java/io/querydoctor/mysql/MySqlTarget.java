package io.querydoctor.mysql;

import io.querydoctor.mysql.connect.SafeExecutor;
import io.querydoctor.mysql.connect.ServerVersion;

/**
 * A MySQL or MariaDB database under diagnosis, as the MySQL analyzers see it.
 *
 * @param executor the only way to run statements on it (read-only, time limits)
 * @param server which server and version; version gates compare against it
 * @param database the schema the URL named, the one the checks judge
 */
public record MySqlTarget(SafeExecutor executor, ServerVersion server, String database) {}
