package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingWritesTest {

  @Test
  void whatCouldNotBePublishedStaysUntilItIs() {
    PendingWrites pending = new PendingWrites();
    pending.add("db1", Set.of("orders"), false);
    pending.add("db2", Set.of(), true);
    assertThat(pending.size()).isEqualTo(2);

    assertThatThrownBy(() -> pending.drain((ns, tables, everything) -> {
      throw new SharedTierUnavailable("down", null);
    })).isInstanceOf(SharedTierUnavailable.class);
    assertThat(pending.size()).as("nothing lost by a failed drain").isEqualTo(2);

    List<String> published = new ArrayList<>();
    pending.drain((ns, tables, everything) -> published.add(ns + " " + tables + " " + everything));
    assertThat(published).containsExactly("db1 [orders] false", "db2 [] true");
    assertThat(pending.size()).isZero();
  }

  @Test
  void manyTablesCollapseToEverythingSoMemoryStaysBounded() {
    PendingWrites pending = new PendingWrites();
    Set<String> tables = new HashSet<>();
    for (int i = 0; i <= PendingWrites.MAX_TABLES; i++) {
      tables.add("t" + i);
    }
    pending.add("db", tables, false);
    List<Boolean> everything = new ArrayList<>();
    pending.drain((ns, t, all) -> everything.add(all && t.isEmpty()));
    assertThat(everything).containsExactly(true);
  }
}
