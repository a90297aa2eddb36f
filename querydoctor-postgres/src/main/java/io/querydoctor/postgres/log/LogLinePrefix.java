package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LineBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code log_line_prefix}, matched against the bytes of a stderr log line.
 *
 * <p>Design note. The escape string is compiled once into literals and fields. Matching walks them in order:
 * a literal must be there byte for byte; a timestamp ({@code %m %t %s}) is parsed in place; any other field
 * runs up to the next literal (or the next blank when no literal follows), so values with spaces work as
 * long as the literal after them is distinctive ({@code app=%a,client=%h }). {@code %q} ends the prefix of
 * lines from non-session processes: if a severity ({@code LOG:  }) follows there, the match succeeds. Only
 * byte ranges are recorded; fields are decoded when an entry is kept. Padding ({@code %-10u}) is accepted and
 * trimmed.
 */
public final class LogLinePrefix {

  /** Prefixes seen in the wild, most specific first: PostgreSQL's default, Debian's, pgBadger's advice. */
  static final List<String> COMMON = List.of(
      "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
      "%m [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
      "%m [%p] %q[user=%u,db=%d,app=%a] ",
      "%m [%p] %q%u@%d ",
      "%t [%p] %q%u@%d ",
      "%t [%p-%l] %q%u@%d ",
      "%m [%p] %q%u@%d %a ",
      "%t [%p]: [%l-1] ",
      "%m [%p]: [%l-1] ",
      "%m [%p] ",
      "%t [%p] ",
      "%t [%p]: ",
      "%m ",
      "%t ",
      "");

  private final String template;
  private final List<Element> elements;
  private final PgTimestamp timestamps = new PgTimestamp();
  private final int[] end = new int[1];

  private LogLinePrefix(String template, List<Element> elements) {
    this.template = template;
    this.elements = elements;
  }

  /** Compiles {@code template} (the server's {@code log_line_prefix}); throws on an unknown escape. */
  public static LogLinePrefix compile(String template) {
    List<Element> elements = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '%') {
        literal.append(c);
        continue;
      }
      i++;
      while (i < template.length() && (template.charAt(i) == '-' || Character.isDigit(template.charAt(i)))) {
        i++;
      }
      if (i >= template.length()) {
        throw new IllegalArgumentException("log_line_prefix ends with '%': " + template);
      }
      char escape = template.charAt(i);
      if (escape == '%') {
        literal.append('%');
        continue;
      }
      if ("mtsnpudahrlcxveiqbQPL".indexOf(escape) < 0) {
        throw new IllegalArgumentException("unknown escape %" + escape + " in log_line_prefix: " + template);
      }
      if (literal.length() > 0) {
        elements.add(Element.literal(literal.toString()));
        literal.setLength(0);
      }
      elements.add(Element.field(escape));
    }
    if (literal.length() > 0) {
      elements.add(Element.literal(literal.toString()));
    }
    return new LogLinePrefix(template, List.copyOf(elements));
  }

  public String template() {
    return template;
  }

  /**
   * Matches the prefix at the start of {@code b[from..to)} and a severity after it. Returns the index where
   * the severity word starts, or -1; fills {@code into} with the fields' byte ranges.
   */
  int match(byte[] b, int from, int to, PrefixFields into) {
    into.clear();
    int i = from;
    for (int e = 0; e < elements.size(); e++) {
      Element element = elements.get(e);
      if (element.literal != null) {
        if (!LineBytes.startsWith(b, i, to, element.literal)) {
          return -1;
        }
        i += element.literal.length;
        continue;
      }
      switch (element.field) {
        case 'q' -> {
          if (Severity.messageStart(b, i, to) >= 0) {
            return i;
          }
        }
        case 'm', 't', 's' -> {
          int timestampEnd = timestamps.end(b, i, to);
          if (timestampEnd < 0) {
            return -1;
          }
          if (element.field != 's') {
            into.timestamp(i, timestampEnd);
          }
          i = timestampEnd;
        }
        default -> {
          int valueEnd = fieldEnd(b, i, to, e);
          if (valueEnd < 0) {
            return -1;
          }
          into.set(element.field, i, valueEnd);
          i = valueEnd;
        }
      }
    }
    return Severity.messageStart(b, i, to) >= 0 ? i : -1;
  }

  /** Epoch millis of the line's {@code %m}/{@code %t} timestamp, or {@link Long#MIN_VALUE} when it has none. */
  long epochMillis(byte[] b, PrefixFields fields) {
    return fields.hasTimestamp() ? timestamps.parse(b, fields.timestampFrom(), fields.timestampTo(), end)
        : Long.MIN_VALUE;
  }

  private int fieldEnd(byte[] b, int from, int to, int index) {
    Element next = index + 1 < elements.size() ? elements.get(index + 1) : null;
    if (next != null && next.literal != null) {
      return LineBytes.indexOf(b, from, to, next.literal);
    }
    int i = from;
    while (i < to && b[i] != ' ') {
      i++;
    }
    return i;
  }

  /**
   * The common prefix that matches the most of {@code lines} (ties go to the more specific), or {@code null}
   * when none matches any line.
   */
  public static LogLinePrefix detect(List<byte[]> lines) {
    LogLinePrefix best = null;
    int bestScore = 0;
    PrefixFields scratch = new PrefixFields();
    for (String template : COMMON) {
      LogLinePrefix candidate = compile(template);
      int score = 0;
      for (byte[] line : lines) {
        if (candidate.match(line, 0, line.length, scratch) >= 0) {
          score++;
        }
      }
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "'" + template + "'";
  }

  /** A literal or a field of the compiled prefix. */
  private record Element(byte[] literal, char field) {
    static Element literal(String text) {
      return new Element(text.getBytes(StandardCharsets.UTF_8), '\0');
    }

    static Element field(char escape) {
      return new Element(null, escape);
    }
  }
}
