package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.advisor.CandidateKind;
import io.querydoctor.core.advisor.ExistingIndex;
import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.IndexMethod;
import io.querydoctor.core.advisor.SortKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Budgets as users and the literature write them, and a storage line whose numbers add up. */
class AdviseBudgetTest {

  private final ByteSizeConverter sizes = new ByteSizeConverter();

  @Test
  void megabytesAreDecimalAndMebibytesBinary() {
    assertThat(sizes.convert("5MB")).isEqualTo(5_000_000L);
    assertThat(sizes.convert("1.5GB")).isEqualTo(1_500_000_000L);
    assertThat(sizes.convert("8kB")).isEqualTo(8_000L);
    assertThat(sizes.convert("512MiB")).isEqualTo(512L << 20);
    assertThat(sizes.convert("2 GiB")).isEqualTo(2L << 30);
    assertThat(sizes.convert("1048576")).isEqualTo(1_048_576L);
    assertThatThrownBy(() -> sizes.convert("lots")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("500MB");
    assertThatThrownBy(() -> sizes.convert("1.5")).hasMessageContaining("whole number");
  }

  @Test
  void anIndexThatExtendsAnExistingOneShowsTheBytesItFreesAndTheNetFitsTheBudget() {
    ExistingIndex old = new ExistingIndex("public.posts_user_id_idx", "posts", IndexMethod.BTREE,
        List.of(SortKey.ascending("user_id")), false, false, 300_000);
    IndexCandidate composite = new IndexCandidate("posts", IndexMethod.BTREE,
        List.of(SortKey.ascending("user_id"), SortKey.ascending("created_at")), List.of(), null,
        CandidateKind.values()[0]);
    ChosenIndex chosen = new ChosenIndex(composite, 1_500_000, List.of(), 0, List.of(old));
    IndexAdvice advice = new IndexAdvice(List.of(chosen), List.of(), List.of(), 1_300_000, 10, 5, "HypoPG");
    String line = io.querydoctor.core.report.AdviceSection.of(advice).storageLine();
    assertThat(advice.usedBytes() - advice.freedBytes()).isLessThanOrEqualTo(advice.budgetBytes());
    assertThat(line).contains(" new, ").contains("freed by dropping").contains("net ")
        .contains("1,300,000 bytes");
  }

  @Test
  void withoutRedundantIndexesTheLineIsUsedOfBudget() {
    IndexCandidate single = new IndexCandidate("posts", IndexMethod.BTREE, List.of(SortKey.ascending("user_id")),
        List.of(), null, CandidateKind.values()[0]);
    IndexAdvice advice = new IndexAdvice(List.of(new ChosenIndex(single, 1_000, List.of(), 0, List.of())), List.of(),
        List.of(), 5_000_000, 10, 5, "HypoPG");
    assertThat(io.querydoctor.core.report.AdviceSection.of(advice).storageLine()).startsWith("Storage: ").contains(" of the budget ")
        .doesNotContain("freed");
  }
}
