package io.querydoctor.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java that turns an N+1's per-key query into querydoctor-remedies' {@code BatchLoader}: the detected shape's
 * table, key column and selected columns, in a loader whose query reads {@code key IN (:keys)} and selects the
 * key (so rows can be handed back to their keys).
 *
 * <p>Design note. It works on the fingerprinter's redacted text, so it only knows what the text shows. It gives
 * no snippet when batching by key alone would change the answer or the code could not be written from the text:
 * a second parameter (or a redacted literal, which reads as one), {@code LIMIT}/{@code OFFSET}/{@code FETCH}
 * (a per-key limit is not a per-batch one), {@code GROUP BY}, {@code DISTINCT}, set operations, aggregates, or a
 * selected expression without a name. Values are read with {@code getObject} into a local record, since the
 * text carries no types; the key is assumed to be a {@code long} id, which the comment says to change.
 */
public final class BatchLoaderSnippet {

  private static final Pattern SELECT_LIST = Pattern.compile("^SELECT (.+?) FROM ", Pattern.DOTALL);
  private static final Pattern REFUSED = Pattern.compile(
      "\\b(LIMIT|OFFSET|FETCH|GROUP BY|HAVING|DISTINCT|UNION|INTERSECT|EXCEPT|FOR UPDATE|FOR SHARE|WITH)\\b|\\.\\.\\.",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern AGGREGATE = Pattern.compile(
      "\\b(count|sum|avg|min|max|array_agg|string_agg|json_agg|jsonb_agg|bool_and|bool_or|every)\\s*\\(",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NAMED = Pattern.compile("^(?:[\\w\"]+\\.)?(\"?)(\\w+)\\1$");
  private static final Pattern ALIASED = Pattern.compile("^.+ AS (\"?)(\\w+)\\1$", Pattern.CASE_INSENSITIVE);
  private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
      "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
      "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
      "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
      "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
      "while", "var", "record", "yield", "true", "false", "null", "row", "keys", "dataSource");

  private BatchLoaderSnippet() {}

  /** The snippet for the per-key query {@code normalized} (the fingerprinter's text), or empty with no safe one. */
  public static Optional<String> forShape(String normalized) {
    String sql = normalized.strip();
    String keyColumn = BatchedShape.filterColumn(sql);
    String table = BatchedShape.table(sql);
    Matcher list = SELECT_LIST.matcher(sql);
    if (keyColumn == null || table == null || !list.find() || count(sql, '?') != 1 || REFUSED.matcher(sql).find()
        || AGGREGATE.matcher(list.group(1)).find()) {
      return Optional.empty();
    }
    List<String> items = splitTopLevel(list.group(1));
    List<String> labels = new ArrayList<>();
    boolean star = false;
    for (String item : items) {
      if (item.equals("*") || item.endsWith(".*")) {
        star = true;
        continue;
      }
      String label = label(item);
      if (label == null) {
        return Optional.empty();
      }
      labels.add(label);
    }
    if (star && !labels.isEmpty()) {
      return Optional.empty();
    }
    String keyed = withKeyList(sql, keyColumn, star || labels.contains(keyColumn) ? null : qualifiedKey(sql));
    return Optional.of(render(unqualified(table), keyColumn, star ? List.of() : labels, keyed));
  }

  /** The text with its one {@code column = ?} as {@code column IN (:keys)} and, if needed, the key selected. */
  private static String withKeyList(String sql, String keyColumn, String keyToSelect) {
    String batched = BatchedShape.anyArray(sql).replace(" = ANY (?)", " IN (:keys)");
    if (keyToSelect == null) {
      return batched;
    }
    Matcher list = SELECT_LIST.matcher(batched);
    list.find();
    return batched.substring(0, list.end(1)) + ", " + keyToSelect + batched.substring(list.end(1));
  }

  /** The key column as the WHERE clause names it ({@code p.user_id}), to select it under the same table alias. */
  private static String qualifiedKey(String sql) {
    Matcher m = Pattern.compile("([\\w.\"]+) = \\?").matcher(sql);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  private static String render(String table, String keyColumn, List<String> labels, String query) {
    String rowType = labels.isEmpty() ? "Map<String, Object>" : pascal(table) + "Row";
    String key = camel(keyColumn);
    String loader = camel(table) + "By" + pascal(keyColumn);
    StringBuilder java = new StringBuilder();
    java.append("// io.querydoctor:querydoctor-remedies: one query per 100 keys instead of one per key.\n");
    if (!labels.isEmpty()) {
      java.append("record ").append(rowType).append('(');
      for (int i = 0; i < labels.size(); i++) {
        java.append(i == 0 ? "" : ", ").append("Object ").append(field(labels.get(i)));
      }
      java.append(") {}  // give the fields their column types\n");
    }
    java.append("try (BatchLoader<Long, ").append(rowType).append("> ").append(loader).append(" = BatchLoader.<Long, ")
        .append(rowType).append(">builder(dataSource)\n");
    java.append("    .query(\"").append(query.replace("\\", "\\\\").replace("\"", "\\\"")).append("\")\n");
    java.append("    .key(row -> row.getLong(\"").append(keyColumn).append("\"))  // Long: ")
        .append(keyColumn).append("'s Java type\n");
    if (labels.isEmpty()) {
      java.append("    .value(RowReader.columns())\n");
    } else {
      java.append("    .value(row -> new ").append(rowType).append('(');
      for (int i = 0; i < labels.size(); i++) {
        java.append(i == 0 ? "" : ", ").append("row.getObject(\"").append(labels.get(i)).append("\")");
      }
      java.append("))\n");
    }
    java.append("    .build()) {\n");
    java.append("  Map<Long, CompletableFuture<List<").append(rowType).append(">>> rows = new LinkedHashMap<>();\n");
    java.append("  for (Long ").append(key).append(" : ").append(key).append("s) {  // the keys the loop queried one by one\n");
    java.append("    rows.put(").append(key).append(", ").append(loader).append(".load(").append(key).append("));\n");
    java.append("  }\n");
    java.append("  ").append(loader).append(".dispatch();  // rows.get(").append(key)
        .append(").join() is now that key's rows\n");
    java.append("}");
    return java.toString();
  }

  /** The name a selected item has in the result, or null for an unnamed expression. */
  private static String label(String item) {
    Matcher aliased = ALIASED.matcher(item);
    if (aliased.matches()) {
      return aliased.group(2);
    }
    Matcher named = NAMED.matcher(item);
    return named.matches() ? named.group(2) : null;
  }

  private static List<String> splitTopLevel(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(list.substring(start, i).strip());
        start = i + 1;
      }
    }
    items.add(list.substring(start).strip());
    return items;
  }

  private static int count(String text, char c) {
    return (int) text.chars().filter(ch -> ch == c).count();
  }

  private static String unqualified(String table) {
    return table.substring(table.lastIndexOf('.') + 1).replace("\"", "");
  }

  private static String field(String label) {
    String name = camel(label);
    return JAVA_KEYWORDS.contains(name) ? name + "_" : name;
  }

  static String camel(String snake) {
    String pascal = pascal(snake);
    return pascal.isEmpty() ? "key" : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
  }

  static String pascal(String snake) {
    StringBuilder out = new StringBuilder();
    for (String part : snake.replace("\"", "").split("[_\\W]+")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    if (out.length() > 0 && Character.isDigit(out.charAt(0))) {
      out.insert(0, 'T');
    }
    return out.toString();
  }
}
