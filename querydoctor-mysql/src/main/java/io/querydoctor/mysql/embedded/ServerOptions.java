package io.querydoctor.mysql.embedded;

import java.util.List;

/** The mysqld options of the embedded server, one place so tests and the demo run the same server. */
final class ServerOptions {

  private ServerOptions() {}

  static final List<String> ARGS = List.of(
      "--user=root",
      "--bind-address=127.0.0.1",
      "--skip-ssl",
      // The diagnosis reads the statement digests and index usage: both are off by default on MariaDB.
      "--performance-schema=ON",
      "--performance-schema-instrument=statement/%=ON",
      "--performance-schema-instrument=wait/io/table/%=ON",
      "--performance-schema-consumer-events-statements-current=ON",
      "--performance-schema-consumer-statements-digest=ON",
      // The literal texts diagnose explains its top statements with (MariaDB has no QUERY_SAMPLE_TEXT).
      "--performance-schema-consumer-events-statements-history-long=ON",
      // Small and quick: the demo's data is a few MB, and tests start one server per JVM.
      "--innodb-buffer-pool-size=64M",
      "--innodb-log-file-size=16M",
      "--skip-name-resolve",
      "--max-connections=100");
}
