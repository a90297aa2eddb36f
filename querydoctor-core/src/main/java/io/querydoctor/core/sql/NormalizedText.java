package io.querydoctor.core.sql;

/**
 * Builds the normalized text of a statement token by token.
 *
 * <p>Design note. Spacing is canonical, so that statements that differ only in layout produce the same text:
 * one space between tokens, none inside brackets, before {@code ,} {@code )} {@code .} {@code ::}, after
 * {@code (} {@code .} {@code ::}, and none between a function name and its {@code (}. Two rewrites make
 * statements that differ only in list lengths equal: an {@code IN (…)} or {@code ARRAY[…]} list made only of
 * placeholders becomes {@code IN (...)} / {@code ARRAY[...]}, and in a {@code VALUES} list every row that
 * reads exactly like the first row is dropped, so a 1-row and a 500-row insert share a fingerprint. Both work
 * on the output already written (truncate and rewrite), so the lexer needs no look-ahead.
 */
final class NormalizedText {

  // The text so far, in a plain array: appends need one bounds check and no coder checks (StringBuilder's
  // per-call overhead was a fifth of fingerprinting time).
  private char[] out;
  private int length;
  private Token previous;
  private boolean previousIsArray;

  // The IN/ARRAY list being watched: where it starts in out, its bracket depth, and whether it still holds
  // only placeholders and commas. At most one at a time: any nested bracket disqualifies the list.
  private int listStart = -1;
  private int listDepth;
  private boolean listOnlyPlaceholders;
  private boolean expectList;

  // The VALUES list being watched: the depth it lives at, where its first row lies in out (compared in place,
  // so a 500-row insert builds no text per row), where the current row
  // (including the comma before it) started.
  private int valuesDepth = -1;
  private int firstRowStart = -1;
  private int firstRowEnd;
  private int rowStart = -1;
  private int rowSeparatorStart = -1;
  private int depth;

  /** Writes into {@code buffer} (a per-thread scratch array; grown by copying when a statement needs more). */
  NormalizedText(char[] buffer) {
    out = buffer;
  }

  void keyword(String upper) {
    if (listStart >= 0) {
      listOnlyPlaceholders = false;
    }
    if (depth == valuesDepth) {
      valuesDepth = -1;
    }
    append(Token.KEYWORD, upper);
    expectList = upper.equals("IN") || upper.equals("ARRAY");
    previousIsArray = upper.equals("ARRAY");
    if (upper.equals("VALUES")) {
      valuesDepth = depth;
      firstRowStart = -1;
    }
  }

  void token(Token kind, String text) {
    if (kind == Token.OPEN || kind == Token.OPEN_BRACKET) {
      open(kind, text);
    } else if (kind == Token.CLOSE || kind == Token.CLOSE_BRACKET) {
      close(kind, text);
    } else {
      if (listStart >= 0 && kind != Token.PLACEHOLDER && kind != Token.COMMA) {
        listOnlyPlaceholders = false;
      }
      if (depth == valuesDepth && kind != Token.COMMA) {
        valuesDepth = -1;
      }
      if (kind == Token.COMMA && depth == valuesDepth) {
        rowSeparatorStart = length;
      }
      append(kind, text);
    }
    expectList = false;
    previousIsArray = false;
  }

  private void open(Token kind, String text) {
    boolean listFollows = expectList && (kind == Token.OPEN || previousIsArray);
    if (listStart >= 0) {
      listOnlyPlaceholders = false;
    }
    if (depth == valuesDepth && kind == Token.OPEN) {
      rowStart = length;
      if (firstRowStart < 0) {
        rowSeparatorStart = -1;
      }
    }
    append(kind, text);
    depth++;
    if (listFollows && listStart < 0) {
      listStart = length;
      listDepth = depth;
      listOnlyPlaceholders = true;
    }
    expectList = false;
    previousIsArray = false;
  }

  private void close(Token kind, String text) {
    if (listStart >= 0 && depth == listDepth) {
      if (listOnlyPlaceholders && length > listStart) {
        length = listStart;
        appendText("...");
      }
      listStart = -1;
    }
    append(kind, text);
    depth--;
    if (depth == valuesDepth && rowStart >= 0) {
      if (firstRowStart < 0) {
        firstRowStart = rowStart;
        firstRowEnd = length;
      } else if (rowSeparatorStart >= 0 && sameAsFirstRow(rowStart)) {
        length = rowSeparatorStart;
      }
      rowStart = -1;
    }
  }

  private boolean sameAsFirstRow(int start) {
    int rowLength = length - start;
    if (rowLength != firstRowEnd - firstRowStart) {
      return false;
    }
    for (int k = 0; k < rowLength; k++) {
      if (out[start + k] != out[firstRowStart + k]) {
        return false;
      }
    }
    return true;
  }

  /** An unquoted identifier copied straight from the statement, lower-cased when {@code fold}. */
  void identifier(char[] s, int start, int end, boolean fold) {
    if (listStart >= 0) {
      listOnlyPlaceholders = false;
    }
    if (depth == valuesDepth) {
      valuesDepth = -1;
    }
    if (length > 0 && needsSpace(previous, Token.IDENTIFIER)) {
      appendChar(' ');
    }
    ensure(end - start);
    for (int i = start; i < end; i++) {
      char c = s[i];
      out[length++] = fold && c >= 'A' && c <= 'Z' ? (char) (c + 32) : fold && c > 127 ? Character.toLowerCase(c) : c;
    }
    previous = Token.IDENTIFIER;
    expectList = false;
    previousIsArray = false;
  }

  private void append(Token kind, String text) {
    if (length > 0 && needsSpace(previous, kind)) {
      appendChar(' ');
    }
    appendText(text);
    previous = kind;
  }

  private void appendChar(char c) {
    ensure(1);
    out[length++] = c;
  }

  private void appendText(String text) {
    int n = text.length();
    ensure(n);
    text.getChars(0, n, out, length);
    length += n;
  }

  private void ensure(int more) {
    if (length + more > out.length) {
      out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, length + more));
    }
  }

  // needsSpace(before, next) for every pair of token kinds, computed once: one array read per token.
  private static final boolean[][] SPACE = new boolean[Token.values().length][Token.values().length];

  static {
    for (Token before : Token.values()) {
      for (Token next : Token.values()) {
        SPACE[before.ordinal()][next.ordinal()] = spaceBetween(before, next);
      }
    }
  }

  private static boolean needsSpace(Token before, Token next) {
    return SPACE[before.ordinal()][next.ordinal()];
  }

  private static boolean spaceBetween(Token before, Token next) {
    switch (before) {
      case OPEN, OPEN_BRACKET, DOT, CAST -> {
        return false;
      }
      default -> { }
    }
    return switch (next) {
      case CLOSE, CLOSE_BRACKET, COMMA, DOT, CAST, SEMICOLON -> false;
      case OPEN -> before != Token.IDENTIFIER;
      case OPEN_BRACKET -> before == Token.OPERATOR || before == Token.COMMA || before == Token.SEMICOLON;
      default -> true;
    };
  }

  /** Drops trailing semicolons: {@code SELECT 1;} and {@code SELECT 1} are the same statement. */
  String finish() {
    while (length > 0 && (out[length - 1] == ';' || out[length - 1] == ' ')) {
      length--;
    }
    return new String(out, 0, length);
  }

  /** FNV-1a, 64 bit, of the text {@link #finish()} returned, read from the array rather than the string. */
  long fnv1a() {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < length; i++) {
      hash ^= out[i];
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
