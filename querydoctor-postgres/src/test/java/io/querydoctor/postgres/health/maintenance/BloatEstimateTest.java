package io.querydoctor.postgres.health.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BloatEstimateTest {

  @Test
  void heapTuplesArePackedWithHeaderAlignmentAndLinePointer() {
    // 24 (header) + 104 (100 bytes of data, aligned) + 4 (line pointer) = 132 bytes; 8 168 / 132 = 61 per page.
    BloatEstimate.Result packed = BloatEstimate.heap(10_000, 164, 8192, 100, 100, false, 3);
    assertThat(packed.expectedPages()).isEqualTo(164);
    assertThat(packed.wastedBytes()).isZero();

    BloatEstimate.Result bloated = BloatEstimate.heap(10_000, 1_000, 8192, 100, 100, false, 3);
    assertThat(bloated.wastedBytes()).isEqualTo(836L * 8192);
    assertThat(bloated.wastedRatio()).isEqualTo(0.836);
  }

  @Test
  void fillfactorAndNullBitmapLeaveRoomOnPurpose() {
    // 70 % fillfactor: 5 717 usable bytes / 132 = 43 per page.
    assertThat(BloatEstimate.heap(10_000, 300, 8192, 70, 100, false, 3).expectedPages()).isEqualTo(233);
    // A null bitmap for up to 8 columns fits in the header's padding (23 + 1 = 24 bytes); for 9 it takes 2
    // bytes and pushes the header to 32: 140 bytes per tuple, 58 per page.
    assertThat(BloatEstimate.heap(10_000, 300, 8192, 100, 100, true, 8).expectedPages()).isEqualTo(164);
    assertThat(BloatEstimate.heap(10_000, 300, 8192, 100, 100, true, 9).expectedPages()).isEqualTo(173);
  }

  @Test
  void btreeCountsTheSpecialSpaceTheDefaultFillfactorAndTheMetaPage() {
    // 8 + 8 + 4 = 20 bytes per bigint entry; (8 192 - 40) * 0.9 = 7 336.8 usable: 366 per page.
    BloatEstimate.Result result = BloatEstimate.btree(100_000, 275, 8192, 90, 8);
    assertThat(result.expectedPages()).isEqualTo(275);
    assertThat(result.wastedRatio()).isZero();
  }

  @Test
  void emptyRelationHasNoWaste() {
    assertThat(BloatEstimate.heap(0, 0, 8192, 100, 10, false, 1).wastedRatio()).isZero();
  }
}
