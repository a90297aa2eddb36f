package io.querydoctor.postgres.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The B-tree layout model on its own; against real builds see IndexSizeEstimateIT. */
class BtreeSizeModelTest {

  private static BtreeSizeModel.Column integer(double distinct) {
    return new BtreeSizeModel.Column(4, 4, 4, 0, distinct, new double[0], true);
  }

  @Test
  void anIntegerTupleTakesSixteenBytesAndShortTextIsPackedUnaligned() {
    assertThat(BtreeSizeModel.tupleBytes(List.of(integer(10)), List.of())).isEqualTo(16);
    BtreeSizeModel.Column text = new BtreeSizeModel.Column(33, -1, 4, 0, 10, new double[0], true);
    assertThat(BtreeSizeModel.tupleBytes(List.of(text), List.of())).isEqualTo(48);
    assertThat(BtreeSizeModel.tupleBytes(List.of(integer(10), integer(10)), List.of())).isEqualTo(16);
  }

  @Test
  void duplicatesShrinkTheIndexOnlyWhereTheServerDeduplicates() {
    List<BtreeSizeModel.Column> few = List.of(integer(10));
    long deduplicated = BtreeSizeModel.bytes(1_000_000, few, List.of(), true);
    long plain = BtreeSizeModel.bytes(1_000_000, few, List.of(), false);
    // 1 M rows × 20 bytes at 90 % fill ≈ 22.5 MB; posting lists of ~130 pointers ≈ 6 bytes a row.
    assertThat(plain / 1e6).isCloseTo(22.5, within(1.0));
    assertThat((double) deduplicated / plain).isLessThan(0.35);
    long unique = BtreeSizeModel.bytes(1_000_000, List.of(integer(1_000_000)), List.of(), true);
    assertThat((double) unique / plain).as("unique values: nothing to deduplicate").isCloseTo(1.0, within(0.02));
  }

  @Test
  void includedColumnsAndTypesWithoutDeduplicationAreOneTuplePerRow() {
    List<BtreeSizeModel.Column> few = List.of(integer(10));
    long plain = BtreeSizeModel.bytes(1_000_000, few, List.of(), false);
    assertThat(BtreeSizeModel.bytes(1_000_000, few, List.of(integer(5)), true)).isGreaterThanOrEqualTo(plain);
    BtreeSizeModel.Column numeric = new BtreeSizeModel.Column(4, -1, 4, 0, 10, new double[0], false);
    assertThat(BtreeSizeModel.bytes(1_000_000, List.of(numeric), List.of(), true))
        .isEqualTo(BtreeSizeModel.bytes(1_000_000, List.of(numeric), List.of(), false));
  }

  @Test
  void twoColumnsOfManyValuesTogetherAreMostlyUnique() {
    List<BtreeSizeModel.Column> pair = List.of(integer(1_000_000), integer(1_000_000));
    long deduplicated = BtreeSizeModel.bytes(1_000_000, pair, List.of(), true);
    long plain = BtreeSizeModel.bytes(1_000_000, pair, List.of(), false);
    assertThat((double) deduplicated / plain).isCloseTo(1.0, within(0.02));
  }
}
