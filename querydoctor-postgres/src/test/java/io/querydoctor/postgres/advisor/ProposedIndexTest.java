package io.querydoctor.postgres.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProposedIndexTest {

  @Test
  void oneCreateIndexLosesConcurrentlyAndItsSemicolon() {
    assertThat(ProposedIndex.hypothetical("CREATE INDEX CONCURRENTLY ON public.posts (user_id, created_at);"))
        .isEqualTo("CREATE INDEX ON public.posts (user_id, created_at)");
    assertThat(ProposedIndex.hypothetical("CREATE INDEX CONCURRENTLY \"posts_concurrently_idx\" ON posts ((lower(email)));"))
        .isEqualTo("CREATE INDEX \"posts_concurrently_idx\" ON posts ((lower(email)))");
  }

  @Test
  void anythingElseIsNoProposalToCheck() {
    assertThat(ProposedIndex.hypothetical("CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE INDEX ON t USING gin (c gin_trgm_ops);"))
        .isNull();
    assertThat(ProposedIndex.hypothetical("VACUUM (ANALYZE) posts;")).isNull();
    assertThat(ProposedIndex.hypothetical("DROP INDEX CONCURRENTLY public.x;")).isNull();
    assertThat(ProposedIndex.hypothetical(null)).isNull();
  }
}
