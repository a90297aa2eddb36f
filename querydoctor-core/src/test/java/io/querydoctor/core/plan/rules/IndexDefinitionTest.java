package io.querydoctor.core.plan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexDefinitionTest {

  @Test
  void equalityColumnsFirstThenOneRangeColumnThenSortColumns() {
    IndexDefinition index = new IndexDefinition("public.orders", List.of("status", "customer_id"),
        List.of("created_at", "total"), List.of("id DESC"), List.of("note"));

    assertThat(index.ddl()).isEqualTo(
        "CREATE INDEX CONCURRENTLY ON public.orders (status, customer_id, created_at, id DESC) INCLUDE (note);");
  }

  @Test
  void aSortOnTheRangeColumnIsServedByItsKeyPosition() {
    IndexDefinition index = new IndexDefinition("t", List.of("a"), List.of("ts"), List.of("ts DESC"), List.of());

    assertThat(index.ddl()).isEqualTo("CREATE INDEX CONCURRENTLY ON t (a, ts);");
  }

  @Test
  void columnsAppearOnce() {
    IndexDefinition index = new IndexDefinition("t", List.of("a", "a"), List.of(), List.of("b"), List.of("a", "b"));

    assertThat(index.ddl()).isEqualTo("CREATE INDEX CONCURRENTLY ON t (a, b);");
  }
}
