package io.querydoctor.remedies.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.remedies.SingleDatabaseSource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyListTest {

  private static final String TEMPLATE = "SELECT id, user_id FROM post WHERE user_id IN (:keys) ORDER BY id";

  @Test
  void postgresqlBindsOneArray() {
    assertThat(KeyList.sql(TEMPLATE, SqlDialect.POSTGRESQL, 37))
        .isEqualTo("SELECT id, user_id FROM post WHERE user_id = ANY(?) ORDER BY id");
  }

  @Test
  void othersGetAnInListPaddedToAPowerOfTwo() {
    assertThat(KeyList.padded(1)).isEqualTo(1);
    assertThat(KeyList.padded(2)).isEqualTo(2);
    assertThat(KeyList.padded(3)).isEqualTo(4);
    assertThat(KeyList.padded(16)).isEqualTo(16);
    assertThat(KeyList.padded(17)).isEqualTo(32);
    assertThat(KeyList.sql(TEMPLATE, SqlDialect.MYSQL, 3)).contains("IN (?, ?, ?, ?)");
  }

  @Test
  void theArrayTypeFollowsTheKeys() {
    assertThat(KeyList.arrayTypeOf(1L)).isEqualTo("bigint");
    assertThat(KeyList.arrayTypeOf(1)).isEqualTo("int4");
    assertThat(KeyList.arrayTypeOf(UUID.randomUUID())).isEqualTo("uuid");
    assertThat(KeyList.arrayTypeOf("a")).isEqualTo("text");
    assertThatThrownBy(() -> KeyList.arrayTypeOf(new Object())).hasMessageContaining("arrayType");
  }

  @Test
  void aQueryWithoutThePlaceholderIsRefused() {
    assertThatThrownBy(() -> BatchLoader.builder(new SingleDatabaseSource((SingleDatabaseSource.Opener) null)).query("SELECT 1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IN (:keys)");
  }
}
