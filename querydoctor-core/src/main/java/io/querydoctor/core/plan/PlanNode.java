package io.querydoctor.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One operator of an execution plan and its inputs. Immutable; built by an engine's plan reader with
 * {@link #builder(String, NodeKind)}.
 *
 * <p>Counts the engine reports per loop (rows removed by a filter, heap fetches) are kept as reported; the
 * {@code total…} accessors multiply by loops. Values the engine did not report are {@code null} (objects) or 0
 * (counters whose absence means none happened).
 */
public final class PlanNode {

  private final String nodeType;
  private final NodeKind kind;
  private final String relation;
  private final String alias;
  private final String index;
  private final String joinType;
  private final String strategy;
  private final String operation;
  private final String parentRelationship;
  private final String subplanName;
  private final String cteName;
  private final boolean parallelAware;
  private final Estimate estimate;
  private final Actual actual;
  private final Buffers buffers;
  private final Conditions conditions;
  private final double rowsRemovedByFilter;
  private final double rowsRemovedByJoinFilter;
  private final double rowsRemovedByIndexRecheck;
  private final double heapFetches;
  private final long exactHeapBlocks;
  private final long lossyHeapBlocks;
  private final SortInfo sort;
  private final HashInfo hash;
  private final List<String> groupKeys;
  private final Integer workersPlanned;
  private final Integer workersLaunched;
  private final List<PlanNode> children;

  private PlanNode(Builder b) {
    nodeType = b.nodeType;
    kind = b.kind;
    relation = b.relation;
    alias = b.alias;
    index = b.index;
    joinType = b.joinType;
    strategy = b.strategy;
    operation = b.operation;
    parentRelationship = b.parentRelationship;
    subplanName = b.subplanName;
    cteName = b.cteName;
    parallelAware = b.parallelAware;
    estimate = b.estimate;
    actual = b.actual;
    buffers = b.buffers;
    conditions = b.conditions;
    rowsRemovedByFilter = b.rowsRemovedByFilter;
    rowsRemovedByJoinFilter = b.rowsRemovedByJoinFilter;
    rowsRemovedByIndexRecheck = b.rowsRemovedByIndexRecheck;
    heapFetches = b.heapFetches;
    exactHeapBlocks = b.exactHeapBlocks;
    lossyHeapBlocks = b.lossyHeapBlocks;
    sort = b.sort;
    hash = b.hash;
    groupKeys = List.copyOf(b.groupKeys);
    workersPlanned = b.workersPlanned;
    workersLaunched = b.workersLaunched;
    children = List.copyOf(b.children);
  }

  public static Builder builder(String nodeType, NodeKind kind) {
    return new Builder(nodeType, kind);
  }

  /** The engine's own name for the operator: {@code Seq Scan}, {@code Hash Join}, {@code Aggregate}. */
  public String nodeType() {
    return nodeType;
  }

  public NodeKind kind() {
    return kind;
  }

  /** Schema-qualified relation a scan or modification reads, e.g. {@code public.orders}; null otherwise. */
  public String relation() {
    return relation;
  }

  /** The name the query gives the relation ({@code o} in {@code orders o}); null when none. */
  public String alias() {
    return alias;
  }

  /** The index an index or bitmap index scan uses; null otherwise. */
  public String index() {
    return index;
  }

  /** {@code Inner}, {@code Left}, {@code Semi}, {@code Anti}, …; null for non-joins. */
  public String joinType() {
    return joinType;
  }

  /** Aggregate or set-operation strategy: {@code Plain}, {@code Sorted}, {@code Hashed}, {@code Mixed}. */
  public String strategy() {
    return strategy;
  }

  /** For modifications: {@code Insert}, {@code Update}, {@code Delete}, {@code Merge}. */
  public String operation() {
    return operation;
  }

  /** How the node feeds its parent: {@code Outer}, {@code Inner}, {@code InitPlan}, {@code SubPlan}, … */
  public String parentRelationship() {
    return parentRelationship;
  }

  /** {@code InitPlan 1 (returns $0)}, {@code SubPlan 2}, {@code CTE x}; null otherwise. */
  public String subplanName() {
    return subplanName;
  }

  /** The CTE a CTE scan reads; null otherwise. */
  public String cteName() {
    return cteName;
  }

  public boolean parallelAware() {
    return parallelAware;
  }

  public Estimate estimate() {
    return estimate;
  }

  /** Measured values, or null when the plan was not run (plain EXPLAIN). */
  public Actual actual() {
    return actual;
  }

  /** Buffer traffic, or null when not requested. */
  public Buffers buffers() {
    return buffers;
  }

  public Conditions conditions() {
    return conditions;
  }

  /** Rows discarded by {@link Conditions#filter()}, per loop as reported. */
  public double rowsRemovedByFilter() {
    return rowsRemovedByFilter;
  }

  public double rowsRemovedByJoinFilter() {
    return rowsRemovedByJoinFilter;
  }

  public double rowsRemovedByIndexRecheck() {
    return rowsRemovedByIndexRecheck;
  }

  /** Heap visits an index-only scan could not avoid, per loop as reported. */
  public double heapFetches() {
    return heapFetches;
  }

  public long exactHeapBlocks() {
    return exactHeapBlocks;
  }

  /** Heap blocks a bitmap heap scan could only remember as whole pages (work_mem too small for exact). */
  public long lossyHeapBlocks() {
    return lossyHeapBlocks;
  }

  /** Sort details for sort nodes; null otherwise. */
  public SortInfo sort() {
    return sort;
  }

  /** Hash table details for hash nodes and hashed aggregates; null otherwise. */
  public HashInfo hash() {
    return hash;
  }

  public List<String> groupKeys() {
    return groupKeys;
  }

  public Integer workersPlanned() {
    return workersPlanned;
  }

  public Integer workersLaunched() {
    return workersLaunched;
  }

  public List<PlanNode> children() {
    return children;
  }

  /** Loops the node ran, or 1 without ANALYZE. */
  public long loops() {
    return actual == null ? 1 : actual.loops();
  }

  /** Rows returned over all loops: measured when analyzed, else the planner's estimate. */
  public double totalRows() {
    return actual == null ? estimate.rows() : actual.totalRows();
  }

  public double totalRowsRemovedByFilter() {
    return rowsRemovedByFilter * loops();
  }

  public double totalHeapFetches() {
    return heapFetches * loops();
  }

  /** The children that produce this node's rows, leaving out init plans and sub plans. */
  public List<PlanNode> inputs() {
    List<PlanNode> inputs = new ArrayList<>(children.size());
    for (PlanNode child : children) {
      if (!child.isSubplan()) {
        inputs.add(child);
      }
    }
    return inputs;
  }

  /** True for init plans and sub plans (expressions evaluated by the parent), not row inputs. */
  public boolean isSubplan() {
    return "InitPlan".equals(parentRelationship) || "SubPlan".equals(parentRelationship);
  }

  /** A short name for display and findings: {@code Seq Scan on public.orders o}, {@code Index Scan using x on t}. */
  public String label() {
    StringBuilder label = new StringBuilder(operatorName());
    if (joinType != null && kind.isJoin() && !"Inner".equals(joinType)) {
      label.append(" (").append(joinType).append(')');
    }
    if (index != null) {
      label.append(" using ").append(index);
    }
    if (relation != null) {
      label.append(" on ").append(relation);
      if (alias != null && !relation.endsWith("." + alias) && !relation.equals(alias)) {
        label.append(' ').append(alias);
      }
    } else if (cteName != null) {
      label.append(" on ").append(cteName);
    }
    return label.toString();
  }

  /** The operator as PostgreSQL's text EXPLAIN names it: aggregates by strategy ({@code HashAggregate}). */
  public String operatorName() {
    if (kind != NodeKind.AGGREGATE || strategy == null) {
      return nodeType;
    }
    return switch (strategy) {
      case "Hashed" -> "HashAggregate";
      case "Sorted" -> "GroupAggregate";
      case "Mixed" -> "MixedAggregate";
      default -> nodeType;
    };
  }

  @Override
  public String toString() {
    return label();
  }

  /** Step-by-step construction, used by engine readers and tests. */
  public static final class Builder {
    private final String nodeType;
    private final NodeKind kind;
    private String relation;
    private String alias;
    private String index;
    private String joinType;
    private String strategy;
    private String operation;
    private String parentRelationship;
    private String subplanName;
    private String cteName;
    private boolean parallelAware;
    private Estimate estimate = new Estimate(0, 0, 0, 0);
    private Actual actual;
    private Buffers buffers;
    private Conditions conditions = Conditions.NONE;
    private double rowsRemovedByFilter;
    private double rowsRemovedByJoinFilter;
    private double rowsRemovedByIndexRecheck;
    private double heapFetches;
    private long exactHeapBlocks;
    private long lossyHeapBlocks;
    private SortInfo sort;
    private HashInfo hash;
    private List<String> groupKeys = List.of();
    private Integer workersPlanned;
    private Integer workersLaunched;
    private final List<PlanNode> children = new ArrayList<>();

    private Builder(String nodeType, NodeKind kind) {
      this.nodeType = Objects.requireNonNull(nodeType, "nodeType");
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The kind given to {@link PlanNode#builder}; readers use it to decide which details apply. */
    public NodeKind kind() {
      return kind;
    }

    /** The node type given to {@link PlanNode#builder}. */
    public String nodeType() {
      return nodeType;
    }

    public Builder relation(String relation, String alias) {
      this.relation = relation;
      this.alias = alias;
      return this;
    }

    public Builder index(String index) {
      this.index = index;
      return this;
    }

    public Builder joinType(String joinType) {
      this.joinType = joinType;
      return this;
    }

    public Builder strategy(String strategy) {
      this.strategy = strategy;
      return this;
    }

    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    public Builder parentRelationship(String parentRelationship) {
      this.parentRelationship = parentRelationship;
      return this;
    }

    public Builder subplanName(String subplanName) {
      this.subplanName = subplanName;
      return this;
    }

    public Builder cteName(String cteName) {
      this.cteName = cteName;
      return this;
    }

    public Builder parallelAware(boolean parallelAware) {
      this.parallelAware = parallelAware;
      return this;
    }

    public Builder estimate(Estimate estimate) {
      this.estimate = Objects.requireNonNull(estimate, "estimate");
      return this;
    }

    public Builder actual(Actual actual) {
      this.actual = actual;
      return this;
    }

    public Builder buffers(Buffers buffers) {
      this.buffers = buffers;
      return this;
    }

    public Builder conditions(Conditions conditions) {
      this.conditions = Objects.requireNonNull(conditions, "conditions");
      return this;
    }

    public Builder rowsRemoved(double byFilter, double byJoinFilter, double byIndexRecheck) {
      this.rowsRemovedByFilter = byFilter;
      this.rowsRemovedByJoinFilter = byJoinFilter;
      this.rowsRemovedByIndexRecheck = byIndexRecheck;
      return this;
    }

    public Builder heapFetches(double heapFetches) {
      this.heapFetches = heapFetches;
      return this;
    }

    public Builder heapBlocks(long exact, long lossy) {
      this.exactHeapBlocks = exact;
      this.lossyHeapBlocks = lossy;
      return this;
    }

    public Builder sort(SortInfo sort) {
      this.sort = sort;
      return this;
    }

    public Builder hash(HashInfo hash) {
      this.hash = hash;
      return this;
    }

    public Builder groupKeys(List<String> groupKeys) {
      this.groupKeys = groupKeys;
      return this;
    }

    public Builder workers(Integer planned, Integer launched) {
      this.workersPlanned = planned;
      this.workersLaunched = launched;
      return this;
    }

    public Builder child(PlanNode child) {
      children.add(Objects.requireNonNull(child, "child"));
      return this;
    }

    public PlanNode build() {
      return new PlanNode(this);
    }
  }
}
