package io.querydoctor.core.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes the candidate rules propose for real statements; whether they are chosen is for the ITs. */
class CandidateRulesTest {

  private static TableAccess access(String sql, String table) {
    return new QueryParser().parse(sql).access(table).orElseThrow();
  }

  private static List<String> definitions(CandidateRule rule, String sql, String table) {
    return rule.propose(access(sql, table)).stream().map(IndexCandidate::definition).toList();
  }

  @Test
  void orderedPutsEqualityFirstThenTheRangeAndMatchesTheSortDirection() {
    assertThat(definitions(new OrderedIndexRule(), "SELECT id FROM posts WHERE created_at >= ? AND user_id = ?"
        + " ORDER BY created_at DESC", "posts"))
        .contains("posts (user_id, created_at)", "posts (user_id)", "posts (created_at)");
    assertThat(definitions(new OrderedIndexRule(), "SELECT id FROM posts WHERE user_id = ? ORDER BY created_at DESC, id",
        "posts")).first().isEqualTo("posts (user_id, created_at DESC, id)");
  }

  @Test
  void orderedDoesNotSortAfterAnInList() {
    assertThat(definitions(new OrderedIndexRule(), "SELECT id FROM posts WHERE user_id IN (1, 2) ORDER BY created_at",
        "posts")).containsExactly("posts (user_id)");
  }

  @Test
  void coveringIncludesTheOtherColumnsReadButNotForSelectStar() {
    assertThat(definitions(new CoveringIndexRule(), "SELECT id, title FROM posts WHERE user_id = ?", "posts"))
        .containsExactly("posts (user_id) INCLUDE (id, title)");
    assertThat(definitions(new CoveringIndexRule(), "SELECT * FROM posts WHERE user_id = ?", "posts")).isEmpty();
  }

  @Test
  void partialKeepsTheConstantFilterAsPredicateAndOnlyForLiterals() {
    assertThat(definitions(new PartialIndexRule(), "SELECT id FROM orders WHERE status = 'pending' AND user_id = ?",
        "orders")).containsExactly("orders (user_id) WHERE status = 'pending'");
    assertThat(definitions(new PartialIndexRule(), "SELECT id FROM orders WHERE status = ? AND user_id = ?",
        "orders")).isEmpty();
  }

  @Test
  void expressionIndexesTheComparedExpression() {
    assertThat(definitions(new ExpressionIndexRule(), "SELECT id FROM users WHERE lower(email) = ?", "users"))
        .containsExactly("users ((lower(email)))");
  }

  @Test
  void ginForContainmentOnly() {
    assertThat(definitions(new GinIndexRule(), "SELECT id FROM events WHERE payload @> ?::jsonb", "events"))
        .containsExactly("events USING gin (payload)");
    assertThat(definitions(new GinIndexRule(), "SELECT id FROM events WHERE payload = ?", "events")).isEmpty();
  }

  @Test
  void existingIndexWithTheSameKeysIsNotACandidateAndAPrefixIndexIsMadeRedundant() {
    WorkloadQuery q = new WorkloadQuery("f", "SELECT id FROM posts WHERE user_id = ? AND created_at > ?", 1,
        new QueryParser().parse("SELECT id FROM posts WHERE user_id = ? AND created_at > ?"));
    ExistingIndex single = new ExistingIndex("public.posts_user_id_idx", "posts", IndexMethod.BTREE,
        List.of(SortKey.ascending("user_id")), false, false, 1000);
    List<IndexCandidate> candidates = CandidateGenerator.withDefaults().candidates(List.of(q), List.of(single));
    assertThat(candidates).extracting(IndexCandidate::definition).doesNotContain("posts (user_id)")
        .contains("posts (user_id, created_at)");
    IndexCandidate composite = candidates.stream().filter(c -> c.definition().equals("posts (user_id, created_at)"))
        .findFirst().orElseThrow();
    assertThat(single.madeRedundantBy(composite)).isTrue();
  }
}
