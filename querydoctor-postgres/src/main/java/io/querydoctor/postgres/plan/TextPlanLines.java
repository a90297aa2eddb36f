package io.querydoctor.postgres.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a text plan as PostgreSQL printed them, undoing what editors, web pages and logs do to them on the
 * way: a UTF-8 byte-order mark before the first line is dropped, non-breaking and other fixed-width spaces (a
 * plan copied from a web page) become spaces, and tabs in the indentation are expanded to tab stops of a given
 * width. PostgreSQL itself indents with spaces only, so tabs come from an editor's "tabify" (at 8 or 4 columns)
 * or from a log that starts each continuation line with one; which width was used is not written anywhere, so
 * the reader tries the widths in {@link #TAB_WIDTHS} and keeps the first whose layout is EXPLAIN's.
 */
final class TextPlanLines {

  /** Tab widths tried, most common first: 8 is every terminal's and {@code expand}'s, 4 and 2 editors'. */
  static final int[] TAB_WIDTHS = {8, 4, 2};

  private TextPlanLines() {}

  /** {@code text} without a byte-order mark and with every non-breaking space made a space, split into lines. */
  static List<String> of(String text) {
    return clean(text).lines().toList();
  }

  /** {@code text} without a leading byte-order mark and with fixed-width spaces made spaces. */
  static String clean(String text) {
    String unmarked = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return unmarked.replace('\u00A0', ' ').replace('\u2007', ' ').replace('\u202F', ' ');
  }

  /** Whether any line's indentation holds a tab. */
  static boolean tabbed(List<String> lines) {
    for (String line : lines) {
      for (int i = 0; i < line.length() && Character.isWhitespace(line.charAt(i)); i++) {
        if (line.charAt(i) == '\t') {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code lines} with the tabs of their indentation expanded to stops every {@code width} columns. */
  static List<String> expanded(List<String> lines, int width) {
    List<String> expanded = new ArrayList<>(lines.size());
    for (String line : lines) {
      StringBuilder indent = new StringBuilder();
      int i = 0;
      for (; i < line.length() && Character.isWhitespace(line.charAt(i)); i++) {
        if (line.charAt(i) == '\t') {
          indent.append(" ".repeat(width - indent.length() % width));
        } else {
          indent.append(' ');
        }
      }
      expanded.add(indent.append(line, i, line.length()).toString());
    }
    return expanded;
  }
}
