package io.querydoctor.cli;

import io.querydoctor.iceberg.catalog.CatalogSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which Iceberg catalog {@code querydoctor iceberg check} opens, and how it authenticates. */
final class IcebergCatalogOptions {

  @Option(names = "--catalog", paramLabel = "LOCATION", required = true,
      description = "The catalog: a JDBC URL (jdbc:sqlite:/path/catalog.db, jdbc:postgresql://host/db) for a JDBC "
          + "catalog, http(s)://… for a REST catalog, or a warehouse directory (or file:/hdfs:/s3a: URI) for a Hadoop "
          + "catalog.")
  String location;

  @Option(names = "--catalog-name", paramLabel = "NAME", defaultValue = "iceberg",
      description = "The catalog's name: the JDBC catalog keys its tables by it, and the fixes call "
          + "NAME.system.… (default: ${DEFAULT-VALUE}; use the name Spark knows it by, spark.sql.catalog.NAME).")
  String name;

  @Option(names = "--warehouse", paramLabel = "LOCATION",
      description = "Warehouse location, for REST catalogs that need one (and new JDBC catalogs; existing tables "
          + "are found by their own metadata location).")
  String warehouse;

  @Option(names = "--user", paramLabel = "USER", description = "JDBC catalog user.")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Name of an environment variable holding the JDBC catalog's password; it is never printed.")
  String passwordEnv;

  @Option(names = "--catalog-property", paramLabel = "KEY=VALUE",
      description = "A further catalog property, e.g. jdbc.schema-version=V1, token=…, credential=…, io-impl=… "
          + "(repeatable). Values of keys naming a token, credential, secret, key or password are never printed; "
          + "prefer KEY=env:VAR to read the value from an environment variable.")
  Map<String, String> properties = new LinkedHashMap<>();

  CatalogSpec spec() {
    String password = null;
    if (passwordEnv != null) {
      password = System.getenv(passwordEnv);
      if (password == null) {
        throw new UserError("--password-env " + passwordEnv + ": the environment variable is not set");
      }
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    properties.forEach((key, value) -> resolved.put(key, fromEnvironment(key, value)));
    return new CatalogSpec(location, name, warehouse, user, password, resolved);
  }

  private static String fromEnvironment(String key, String value) {
    if (!value.startsWith("env:")) {
      return value;
    }
    String variable = value.substring(4);
    String found = System.getenv(variable);
    if (found == null) {
      throw new UserError("--catalog-property " + key + "=env:" + variable + ": the environment variable is not set");
    }
    return found;
  }
}
