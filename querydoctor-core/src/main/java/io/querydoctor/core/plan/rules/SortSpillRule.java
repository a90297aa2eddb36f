package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.SortInfo;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;

/** {@code sort-spill}: a sort went to disk (external merge) because it did not fit in work_mem. Needs ANALYZE. */
public final class SortSpillRule implements PlanRule {

  public static final String ID = "sort-spill";

  /** An in-memory sort of data that takes N kB on disk needs roughly 2–3× N (tuple headers, pointers). */
  private static final double MEMORY_PER_DISK_KB = 3;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      SortInfo sort = node.sort();
      if (sort == null || !sort.spilled()) {
        continue;
      }
      long workMem = WorkMem.megabytesFor(sort.spaceKb() * MEMORY_PER_DISK_KB);
      findings.add(new PlanFinding(node, NodeFindings.start(context, ID, node,
              context.plan().time(node).selfMillis(),
              "The sort did not fit in work_mem and merged runs through temporary files ("
                  + sort.method() + ", " + Quantities.bytes(sort.spaceKb() * 1024.0) + " on disk). Sort key: "
                  + String.join(", ", sort.keys()) + ".")
          .title("Sort spilled " + Quantities.bytes(sort.spaceKb() * 1024.0) + " to disk")
          .subject(context.querySubject())
          .evidence(Evidence.crossed("sort_disk_kb", sort.spaceKb(), "kB", 0))
          .evidence(Evidence.of("rows_sorted", node.totalRows(), "rows"))
          .fix(Fix.setting("Give the sort enough memory (about " + workMem + " MB), or add an index that "
              + "returns the rows already in order of " + String.join(", ", sort.keys()) + ".",
              WorkMem.setting(workMem)))
          .build()));
    }
    return findings;
  }
}
