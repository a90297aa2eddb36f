package io.querydoctor.mysql.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SampleValuesTest {

  private static final Function<String, String> TYPES = Map.of("user_id", "bigint", "email", "varchar",
      "created_at", "datetime", "day", "date")::get;

  @Test
  void eachPlaceholderGetsAConstantOfItsColumnsType() {
    assertThat(SampleValues.fill("SELECT id FROM posts WHERE user_id = ? AND email <> ?", TYPES))
        .isEqualTo("SELECT id FROM posts WHERE user_id = 1 AND email <> '1'");
    assertThat(SampleValues.fill("SELECT * FROM p WHERE p.created_at >= ? AND `day` BETWEEN ? AND ?", TYPES))
        .isEqualTo("SELECT * FROM p WHERE p.created_at >= '2000-01-01 00:00:00' AND `day` BETWEEN '2000-01-01' "
            + "AND '2000-01-01'");
    assertThat(SampleValues.fill("SELECT * FROM p WHERE user_id IN (?, ?, ?)", TYPES))
        .isEqualTo("SELECT * FROM p WHERE user_id IN (1, 1, 1)");
  }

  @Test
  void limitsGetNumbersAndUnknownColumnsAQuotedValue() {
    assertThat(SampleValues.fill("SELECT * FROM p WHERE title LIKE ? ORDER BY id LIMIT ?, ?", TYPES))
        .isEqualTo("SELECT * FROM p WHERE title LIKE '1' ORDER BY id LIMIT 10, 10");
    assertThat(SampleValues.fill("SELECT * FROM p LIMIT ? OFFSET ?", TYPES))
        .isEqualTo("SELECT * FROM p LIMIT 10 OFFSET 0");
  }

  @Test
  void questionMarksInQuotesAndCommentsStayAndTextsWithoutAnyAreUnchanged() {
    String sql = "SELECT 'why?', `a?b` FROM p /* ? */ WHERE email = ? -- and ?\n";
    assertThat(SampleValues.fill(sql, TYPES)).isEqualTo("SELECT 'why?', `a?b` FROM p /* ? */ WHERE email = '1' "
        + "-- and ?\n");
    String plain = "SELECT id FROM posts WHERE user_id = 42";
    assertThat(SampleValues.fill(plain, TYPES)).isSameAs(plain);
  }
}
