package io.querydoctor.core.plan;

/**
 * The predicates attached to a node, as the engine prints them (PostgreSQL's deparsed expressions, e.g.
 * {@code ((status)::text = 'open'::text)}); each is {@code null} when the node has none.
 *
 * @param filter rows failing it are discarded after being read
 * @param indexCond what the index lookup searches for
 * @param recheckCond re-checked on heap rows (bitmap scans, lossy indexes)
 * @param joinFilter evaluated on joined row pairs
 * @param hashCond the equality a hash join matches on
 * @param mergeCond the equality a merge join matches on
 */
public record Conditions(
    String filter, String indexCond, String recheckCond, String joinFilter, String hashCond, String mergeCond) {

  public static final Conditions NONE = new Conditions(null, null, null, null, null, null);
}
