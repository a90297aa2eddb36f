package io.querydoctor.monitor.dashboard;

import java.util.List;

/**
 * What one dashboard page shows, as data: the HTML template renders it, {@code /api/…} serialises it as JSON.
 * Every text in it is plain text (the template escapes it); SQL and messages are redacted before they get here.
 *
 * @param id the page's path segment ({@code overview}, {@code queries}, …), which the navigation highlights
 * @param target the database shown (the URL without password), null when none is monitored yet
 * @param targets every database in the store, for the selector
 * @param range the time range, e.g. {@code 24h}
 */
public record Page(String id, String title, String target, List<String> targets, String range,
    List<Section> sections) {

  /** A block of the page: a heading, an optional note, then any of status lines, a table, charts, forms. */
  public record Section(String title, String note, List<Status> statuses, Table table, List<Chart> charts,
      List<Form> forms, List<TreeNode> tree) {

    public static Section table(String title, String note, Table table) {
      return new Section(title, note, List.of(), table, List.of(), List.of(), List.of());
    }

    public static Section text(String title, String note) {
      return new Section(title, note, List.of(), null, List.of(), List.of(), List.of());
    }

    public Section withForms(List<Form> value) {
      return new Section(title, note, statuses, table, charts, value, tree);
    }
  }

  /** A PgHero-style status line: {@code level} is {@code ok}, {@code warning} or {@code critical}. */
  public record Status(String level, String label, String value, String href) {}

  /**
   * A table; {@code sortable} columns link to the same page sorted by them (the server sorts: works without
   * JavaScript).
   */
  public record Table(List<Column> columns, List<List<Cell>> rows, String sortedBy) {}

  public record Column(String key, String label, boolean sortable, boolean numeric) {}

  /**
   * One table cell: text, optionally a link, a CSS class ({@code ok}, {@code warning}, {@code critical},
   * {@code code}) and a sparkline (SVG polyline points, computed server-side).
   */
  public record Cell(String text, String href, String style, String spark) {
    public static Cell of(String text) {
      return new Cell(text, null, null, null);
    }

    public static Cell link(String text, String href) {
      return new Cell(text, href, null, null);
    }

    public static Cell styled(String text, String style) {
      return new Cell(text, null, style, null);
    }

    public static Cell code(String text) {
      return new Cell(text, null, "code", null);
    }

    public static Cell sparkline(String points) {
      return new Cell("", null, null, points);
    }
  }

  /**
   * A line chart: {@code labels} on the x axis, one series per dataset, and the x positions of deploy marks
   * (indexes into {@code labels}) drawn as vertical lines.
   */
  public record Chart(String id, String title, List<String> labels, List<Series> series, List<Mark> marks) {}

  public record Series(String name, List<Double> values) {}

  public record Mark(int index, String label) {}

  /** A POST form; the template adds the CSRF token. */
  public record Form(String action, String button, List<Field> fields) {}

  /** A form field: {@code hidden} fields carry a value, the others are text inputs with a label. */
  public record Field(String name, String label, String value, boolean hidden) {
    public static Field hidden(String name, String value) {
      return new Field(name, null, value, true);
    }

    public static Field text(String name, String label) {
      return new Field(name, label, "", false);
    }
  }

  /** A node of a tree (a plan, a blocking chain), with notes shown next to it. */
  public record TreeNode(String label, String note, List<TreeNode> children) {}
}
