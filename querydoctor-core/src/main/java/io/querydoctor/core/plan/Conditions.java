package io.querydoctor.core.plan;

import java.util.ArrayList;
import java.util.List;

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

  /**
   * Splits a deparsed expression (or a list the engine prints) at {@code separator} where it stands outside
   * parentheses and quoted strings: {@code a = 1 AND (b OR c)} at {@code " AND "}, {@code a, lower(b)} at
   * {@code ", "}.
   */
  public static List<String> splitOutside(String text, String separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && text.startsWith(separator, i)) {
        parts.add(text.substring(start, i));
        start = i + separator.length();
        i = start - 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
