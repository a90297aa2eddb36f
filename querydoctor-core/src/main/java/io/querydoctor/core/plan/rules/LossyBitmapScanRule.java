package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lossy-bitmap-scan}: the bitmap did not fit in work_mem, so it remembered whole pages instead of rows
 * and every row of those pages had to be rechecked. Needs ANALYZE.
 */
public final class LossyBitmapScanRule implements PlanRule {

  public static final String ID = "lossy-bitmap-scan";

  /** An exact bitmap costs a few bytes per tuple; 64 bytes per heap page is a generous bound. */
  private static final double KB_PER_PAGE = 0.0625;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      if (node.kind() != NodeKind.BITMAP_HEAP_SCAN || node.lossyHeapBlocks() == 0) {
        continue;
      }
      long pages = node.lossyHeapBlocks() + node.exactHeapBlocks();
      long workMem = WorkMem.megabytesFor(pages * KB_PER_PAGE * 64);
      findings.add(new PlanFinding(node, NodeFindings.start(context, ID, node, context.plan().time(node).selfMillis(),
              "The bitmap turned lossy for " + Quantities.number(node.lossyHeapBlocks()) + " of "
                  + Quantities.number(pages) + " heap pages; "
                  + Quantities.number(Math.round(node.rowsRemovedByIndexRecheck() * node.loops()))
                  + " rows were rechecked and discarded.")
          .title("Bitmap heap scan on " + node.relation() + " went lossy on "
              + Quantities.number(node.lossyHeapBlocks()) + " pages")
          .subject(Subject.table(node.relation()))
          .evidence(Evidence.crossed("lossy_heap_blocks", node.lossyHeapBlocks(), "count", 0))
          .evidence(Evidence.of("rows_removed_by_recheck", node.rowsRemovedByIndexRecheck() * node.loops(), "rows"))
          .fix(Fix.setting("Give the bitmap more memory so it stays exact (or narrow the scan with a more "
              + "selective index).", WorkMem.setting(workMem)))
          .build()));
    }
    return findings;
  }
}
