package io.querydoctor.core.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One execution plan: its root node, the query's planning and execution time, and where the time goes.
 *
 * <h2>Design note: self time</h2>
 *
 * <p>Engines report a node's time as an average per loop that <em>includes</em> its children. A node's
 * inclusive wall time is {@code totalMillis × loops}. Under a Gather, the loops are spread over the
 * leader and the launched workers running side by side, so the sum is divided by the number of processes that
 * ran the node ({@code min(workers + 1, loops)}); this is the wall-clock time the query spent there, which is
 * what a reader compares with the query's duration. Self time is the inclusive time minus that of the direct
 * children, floored at 0 (rounding in the engine's three-decimal output can make it slightly negative).
 *
 * <p>Sub plans are evaluated by the node they hang under, so their time is subtracted from it like any
 * child's. Init plans are not: the engine runs one lazily, inside whichever node first needs its value, so
 * its time is subtracted from the first node (under the one it hangs from) whose conditions reference it,
 * e.g. {@code (InitPlan 1).col1} or {@code $0}. A CTE's time likewise belongs to the first CTE scan that
 * reads it.
 *
 * <p>With these rules the self times add up to the root's inclusive time (up to the floors), which is the
 * property the annotated tree shows and the TPC-H test checks. Without ANALYZE there is no time; shares then
 * come from the planner's cost the same way (a node's cost minus its inputs').
 *
 * <p>All traversals are iterative: plans with tens of thousands of nodes (partitioned tables) must not
 * overflow the stack.
 */
public final class Plan {

  private final PlanNode root;
  private final Double planningMillis;
  private final Double executionMillis;
  private final List<PlanNode> nodes;
  private final Map<PlanNode, Integer> ids;
  private final Map<PlanNode, PlanNode> parents;
  private final Map<PlanNode, NodeTime> times;

  /**
   * @param root the top node
   * @param planningMillis planning time reported with the plan, or null
   * @param executionMillis execution time reported by EXPLAIN ANALYZE, or null
   */
  public Plan(PlanNode root, Double planningMillis, Double executionMillis) {
    this.root = Objects.requireNonNull(root, "root");
    this.planningMillis = planningMillis;
    this.executionMillis = executionMillis;
    this.ids = new IdentityHashMap<>();
    this.parents = new IdentityHashMap<>();
    this.nodes = index(root);
    this.times = new IdentityHashMap<>();
    computeTimes();
  }

  private List<PlanNode> index(PlanNode top) {
    List<PlanNode> preorder = new ArrayList<>();
    Deque<PlanNode> stack = new ArrayDeque<>();
    stack.push(top);
    while (!stack.isEmpty()) {
      PlanNode node = stack.pop();
      preorder.add(node);
      ids.put(node, preorder.size());
      List<PlanNode> children = node.children();
      for (int i = children.size() - 1; i >= 0; i--) {
        parents.put(children.get(i), node);
        stack.push(children.get(i));
      }
    }
    return Collections.unmodifiableList(preorder);
  }

  private void computeTimes() {
    Map<PlanNode, Double> inclusive = new IdentityHashMap<>();
    for (PlanNode node : nodes) {
      inclusive.put(node, inclusiveMillis(node));
    }
    Map<PlanNode, Double> subtract = new IdentityHashMap<>();
    Map<String, PlanNode> cteConsumers = firstCteScans();
    for (PlanNode node : nodes) {
      for (PlanNode child : node.children()) {
        subtract.merge(payer(node, child, cteConsumers), inclusive.get(child), Double::sum);
      }
    }
    boolean analyzed = isAnalyzed();
    double rootMillis = inclusive.get(root);
    double rootCost = root.estimate().totalCost();
    for (PlanNode node : nodes) {
      double self = Math.max(0, inclusive.get(node) - subtract.getOrDefault(node, 0.0));
      double share = analyzed
          ? (rootMillis > 0 ? self / rootMillis : 0)
          : (rootCost > 0 ? selfCost(node) / rootCost : 0);
      times.put(node, new NodeTime(inclusive.get(node), self, Math.min(1, share)));
    }
  }

  /**
   * The node whose inclusive time contains {@code child}'s: the parent for inputs and sub plans; the first CTE
   * scan of a CTE; for an init plan, the first node under the parent whose conditions use its result (the
   * engine runs an init plan lazily, inside whichever node first needs the value), else the parent.
   */
  private static PlanNode payer(PlanNode parent, PlanNode child, Map<String, PlanNode> cteConsumers) {
    String name = child.subplanName();
    if (name == null || !"InitPlan".equals(child.parentRelationship())) {
      return parent;
    }
    if (name.startsWith("CTE ")) {
      return cteConsumers.getOrDefault(name.substring(4), parent);
    }
    Pattern reference = InitPlanReference.of(name);
    if (reference == null) {
      return parent;
    }
    Deque<PlanNode> stack = new ArrayDeque<>();
    stack.push(parent);
    while (!stack.isEmpty()) {
      PlanNode node = stack.pop();
      if (InitPlanReference.usedBy(node, reference)) {
        return node;
      }
      List<PlanNode> children = node.children();
      for (int i = children.size() - 1; i >= 0; i--) {
        if (children.get(i) != child) {
          stack.push(children.get(i));
        }
      }
    }
    return parent;
  }

  private Map<String, PlanNode> firstCteScans() {
    Map<String, PlanNode> first = new HashMap<>();
    for (PlanNode node : nodes) {
      if (node.cteName() != null) {
        first.putIfAbsent(node.cteName(), node);
      }
    }
    return first;
  }

  private double inclusiveMillis(PlanNode node) {
    Actual actual = node.actual();
    if (actual == null || actual.loops() == 0) {
      return 0;
    }
    long processes = Math.max(1, Math.min(parallelProcesses(node), actual.loops()));
    return actual.totalMillis() * actual.loops() / processes;
  }

  /** Leader plus launched (or planned) workers of the nearest Gather above {@code node}; 1 outside one. */
  private long parallelProcesses(PlanNode node) {
    for (PlanNode p = parents.get(node); p != null; p = parents.get(p)) {
      if (p.kind() == NodeKind.GATHER) {
        Integer workers = p.workersLaunched() != null ? p.workersLaunched() : p.workersPlanned();
        return 1 + (workers == null ? 0 : workers);
      }
    }
    return 1;
  }

  private static double selfCost(PlanNode node) {
    double children = 0;
    for (PlanNode child : node.inputs()) {
      children += child.estimate().totalCost();
    }
    return Math.max(0, node.estimate().totalCost() - children);
  }

  public PlanNode root() {
    return root;
  }

  /** Every node, parents before children, in the order the tree prints. */
  public List<PlanNode> nodes() {
    return nodes;
  }

  /** True when the plan carries measurements (EXPLAIN ANALYZE). */
  public boolean isAnalyzed() {
    return root.actual() != null;
  }

  /** Planning time in ms, or null when not reported. */
  public Double planningMillis() {
    return planningMillis;
  }

  /** Execution time in ms as the engine reported it, or null without ANALYZE. */
  public Double executionMillis() {
    return executionMillis;
  }

  /** Wall time of the plan tree: the root's inclusive time, which the self times add up to. */
  public double treeMillis() {
    return times.get(root).inclusiveMillis();
  }

  /** The node's number in print order, from 1 for the root. */
  public int id(PlanNode node) {
    Integer id = ids.get(node);
    if (id == null) {
      throw new IllegalArgumentException("node is not part of this plan: " + node.label());
    }
    return id;
  }

  /** The node's parent, or null for the root. */
  /** Levels from the root to the deepest node (the root alone is 1); computed without recursion. */
  public int depth() {
    java.util.Map<PlanNode, Integer> levels = new IdentityHashMap<>();
    int deepest = 0;
    for (PlanNode node : nodes) {
      PlanNode up = parents.get(node);
      int level = up == null ? 1 : levels.get(up) + 1;
      levels.put(node, level);
      deepest = Math.max(deepest, level);
    }
    return deepest;
  }

  public PlanNode parent(PlanNode node) {
    return parents.get(node);
  }

  public NodeTime time(PlanNode node) {
    return times.get(node);
  }

  /** Where the node sits, root first: {@code #1 Limit > #2 Sort > #3 Seq Scan on public.orders}. */
  public String path(PlanNode node) {
    List<String> steps = new ArrayList<>();
    for (PlanNode n = node; n != null; n = parents.get(n)) {
      steps.add("#" + id(n) + " " + n.operatorName());
    }
    Collections.reverse(steps);
    steps.set(steps.size() - 1, "#" + id(node) + " " + node.label());
    return String.join(" > ", steps);
  }

  /** The nearest ancestor of {@code node} of the given kind, or null. */
  public PlanNode ancestor(PlanNode node, NodeKind kind) {
    for (PlanNode p = parents.get(node); p != null; p = parents.get(p)) {
      if (p.kind() == kind) {
        return p;
      }
    }
    return null;
  }
}
