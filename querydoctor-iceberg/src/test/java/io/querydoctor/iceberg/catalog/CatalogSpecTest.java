package io.querydoctor.iceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogSpecTest {

  @Test
  void theKindFollowsFromTheLocation() {
    assertThat(spec("jdbc:sqlite:/tmp/c.db").kind()).isEqualTo(CatalogSpec.CatalogKind.JDBC);
    assertThat(spec("jdbc:postgresql://db/iceberg").kind()).isEqualTo(CatalogSpec.CatalogKind.JDBC);
    assertThat(spec("https://catalog.example/api").kind()).isEqualTo(CatalogSpec.CatalogKind.REST);
    assertThat(spec("/data/warehouse").kind()).isEqualTo(CatalogSpec.CatalogKind.HADOOP);
    assertThat(spec("s3a://bucket/warehouse").kind()).isEqualTo(CatalogSpec.CatalogKind.HADOOP);
  }

  @Test
  void credentialsNeverReachThePrintedLocation() {
    assertThat(spec("jdbc:postgresql://db/iceberg?user=ice&password=s3cret&ssl=true").redactedLocation())
        .isEqualTo("jdbc:postgresql://db/iceberg?user=ice&password=***&ssl=true");
    assertThat(spec("https://alice:s3cret@catalog.example/api?token=abc").redactedLocation())
        .isEqualTo("https://catalog.example/api?token=***");
    assertThat(CatalogSpec.isSecret("credential")).isTrue();
    assertThat(CatalogSpec.isSecret("s3.secret-access-key")).isTrue();
    assertThat(CatalogSpec.isSecret("jdbc.schema-version")).isFalse();
  }

  @Test
  void anEmptyDatabaseIsNotTurnedIntoACatalog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String url = "jdbc:sqlite:" + dir.resolve("empty.db");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CatalogConnector().open(spec(url)))
        .isInstanceOf(CatalogException.class)
        .hasMessage("no Iceberg JDBC catalog at " + url + " (no table iceberg_tables); QueryDoctor does not create one");
  }

  private static CatalogSpec spec(String location) {
    return new CatalogSpec(location, "c", null, null, null, Map.of());
  }
}
