package io.querydoctor.postgres.health.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementPreviewTest {

  @Test
  void literalsAreMaskedIdentifiersKept() {
    assertThat(StatementPreview.of("SELECT * FROM users2 WHERE email = 'a@b.c' AND id = 42 AND score > -1.5e3"))
        .isEqualTo("SELECT * FROM users2 WHERE email = ? AND id = ? AND score > ?");
  }

  @Test
  void escapedQuotesDollarQuotesAndParametersAreHandled() {
    assertThat(StatementPreview.of("UPDATE t SET note = 'it''s' WHERE k = $1")).isEqualTo("UPDATE t SET note = ? WHERE k = $1");
    assertThat(StatementPreview.of("SELECT $tag$secret$tag$, $$x$$")).isEqualTo("SELECT ?, ?");
  }

  @Test
  void whitespaceCollapsesAndLongTextIsCut() {
    assertThat(StatementPreview.of("SELECT\n\t1")).isEqualTo("SELECT ?");
    assertThat(StatementPreview.of("SELECT " + "x, ".repeat(200))).hasSize(200).endsWith("…");
    assertThat(StatementPreview.of(null)).isEqualTo("(none)");
  }
}
