package io.querydoctor.postgres.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualifiedNameTest {

  @Test
  void plainLowerCaseNamesStayBare() {
    assertThat(new QualifiedName("public", "posts").sql()).isEqualTo("public.posts");
    assertThat(QualifiedName.quote("order_items_2024")).isEqualTo("order_items_2024");
    assertThat(QualifiedName.quote("_tmp$1")).isEqualTo("_tmp$1");
  }

  @Test
  void upperCaseSpacesDigitsFirstAndReservedWordsAreQuoted() {
    assertThat(QualifiedName.quote("Users")).isEqualTo("\"Users\"");
    assertThat(QualifiedName.quote("order lines")).isEqualTo("\"order lines\"");
    assertThat(QualifiedName.quote("2024_sales")).isEqualTo("\"2024_sales\"");
    assertThat(QualifiedName.quote("user")).isEqualTo("\"user\"");
    assertThat(QualifiedName.quote("order")).isEqualTo("\"order\"");
    assertThat(new QualifiedName("Sales", "select").sql()).isEqualTo("\"Sales\".\"select\"");
  }

  @Test
  void embeddedDoubleQuotesAreDoubled() {
    assertThat(QualifiedName.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
  }

  @Test
  void displayFormIsUnquoted() {
    assertThat(new QualifiedName("public", "Legacy Codes")).hasToString("public.Legacy Codes");
  }
}
