package io.querydoctor.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.sql.PostgresLexer.Kind;
import io.querydoctor.core.sql.PostgresLexer.Lexeme;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One table per token kind: the input, then the lexemes PostgreSQL's scanner makes of it, each written
 * {@code KIND:text} and separated by {@code |}, whitespace lexemes left out. Cases marked "issue 21" are the forms
 * that a looser lexer read differently from the server.
 */
class PostgresLexerTest {

  /** The lexemes of {@code sql} as {@code KIND:text|…}, without whitespace; unterminated ones end in {@code …}. */
  static String lexed(String sql, boolean standardConformingStrings) {
    List<Lexeme> lexemes = PostgresLexer.lex(sql, standardConformingStrings);
    return lexemes.stream().filter(l -> l.kind() != Kind.WHITESPACE)
        .map(l -> l.kind() + ":" + l.text(sql) + (l.terminated() ? "" : "…"))
        .collect(Collectors.joining("|"));
  }

  private static String lexed(String sql) {
    return lexed(sql.replace("⏎", "\n"), true).replace("\n", "⏎");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
      "'abc'                ¦ STRING:'abc'",
      "'it''s'              ¦ STRING:'it''s'",
      "''''                 ¦ STRING:''''",
      // issue 21: with standard_conforming_strings on, a backslash is an ordinary character
      "'\\'; DROP TABLE t   ¦ STRING:'\\'|SEMICOLON:;|IDENTIFIER:DROP|IDENTIFIER:TABLE|IDENTIFIER:t",
      "'a'⏎'b'              ¦ STRING:'a'⏎'b'",
      "'a'  -- c⏎  'b'      ¦ STRING:'a'  -- c⏎  'b'",
      "'a' 'b'              ¦ STRING:'a'|STRING:'b'",
      "'a' /* c */⏎'b'      ¦ STRING:'a'|BLOCK_COMMENT:/* c */|STRING:'b'",
      "N'x'                 ¦ IDENTIFIER:N|STRING:'x'",
      "xE'\\'               ¦ IDENTIFIER:xE|STRING:'\\'",
      "'open                ¦ STRING:'open…"})
  void standardStrings(String sql, String expected) {
    assertThat(lexed(sql)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
      // issue 21: E'\'' is one string holding a quote; the ; after it is code
      "E'\\''; COMMIT       ¦ ESCAPE_STRING:E'\\''|SEMICOLON:;|IDENTIFIER:COMMIT",
      "e'\\\\'; x           ¦ ESCAPE_STRING:e'\\\\'|SEMICOLON:;|IDENTIFIER:x",
      "E'a''b'              ¦ ESCAPE_STRING:E'a''b'",
      "E'\\x41\\n'          ¦ ESCAPE_STRING:E'\\x41\\n'",
      // a continuation keeps the first part's mode: the \\' below is an escaped quote
      "E'a'⏎'\\'; x; --'    ¦ ESCAPE_STRING:E'a'⏎'\\'; x; --'",
      "1e'\\''              ¦ NUMBER:1|ESCAPE_STRING:e'\\''"})
  void escapeStrings(String sql, String expected) {
    assertThat(lexed(sql)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
      "'\\''; x             ¦ ESCAPE_STRING:'\\''|SEMICOLON:;|IDENTIFIER:x",
      "'a\\'b'              ¦ ESCAPE_STRING:'a\\'b'"})
  void plainStringsEscapeWhenStandardConformingStringsIsOff(String sql, String expected) {
    assertThat(lexed(sql, false)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
      "U&'\\0041'           ¦ UNICODE_STRING:U&'\\0041'",
      "u&'d\\0061t\\+000061' UESCAPE '!' ¦ UNICODE_STRING:u&'d\\0061t\\+000061'|IDENTIFIER:UESCAPE|STRING:'!'",
      "U&'\\'; x; --'       ¦ UNICODE_STRING:U&'\\'|SEMICOLON:;|IDENTIFIER:x|SEMICOLON:;|LINE_COMMENT:--'",
      "U&\"\\0061\"         ¦ UNICODE_IDENTIFIER:U&\"\\0061\"",
      "U & 'x'              ¦ IDENTIFIER:U|OPERATOR:&|STRING:'x'",
      "B'0101' X'1F'        ¦ BIT_STRING:B'0101'|BIT_STRING:X'1F'",
      "b'1''0'              ¦ BIT_STRING:b'1'|STRING:'0'"})
  void unicodeAndBitStrings(String sql, String expected) {
    assertThat(lexed(sql)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
      "$$a;b$$              ¦ DOLLAR_STRING:$$a;b$$",
      "$q$ ; $q$            ¦ DOLLAR_STRING:$q$ ; $q$",
      "$a$ $b$ ; $a$        ¦ DOLLAR_STRING:$a$ $b$ ; $a$",
      "$a$ $ab$ x$a$        ¦ DOLLAR_STRING:$a$ $ab$ x$a$",
      "$_x1$ ' $_x1$        ¦ DOLLAR_STRING:$_x1$ ' $_x1$",
      "$Q$ $q$              ¦ DOLLAR_STRING:$Q$ $q$…",
      "$1                   ¦ PARAMETER:$1",
      "$12::int             ¦ PARAMETER:$12|PUNCTUATION::|PUNCTUATION::|IDENTIFIER:int",
      // issue 21: a $ inside or right after a name belongs to the name, it opens no dollar quote
      "a$b$; x; -- $b$      ¦ IDENTIFIER:a$b$|SEMICOLON:;|IDENTIFIER:x|SEMICOLON:;|LINE_COMMENT:-- $b$",
      "o$q$ FROM t          ¦ IDENTIFIER:o$q$|IDENTIFIER:FROM|IDENTIFIER:t",
      "é$x$; y              ¦ IDENTIFIER:é$x$|SEMICOLON:;|IDENTIFIER:y",
      "\"a\"$x$ $x$         ¦ QUOTED_IDENTIFIER:\"a\"|DOLLAR_STRING:$x$ $x$",
      "1$x$ $x$             ¦ NUMBER:1|DOLLAR_STRING:$x$ $x$",
      "$1$                  ¦ PARAMETER:$1|OTHER:$",
      "$                    ¦ OTHER:$"})
  void dollarQuotesAndParameters(String sql, String expected) {
    assertThat(lexed(sql)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
      "/* a */ x            ¦ BLOCK_COMMENT:/* a */|IDENTIFIER:x",
      "/* a /* b */ ; */ x  ¦ BLOCK_COMMENT:/* a /* b */ ; */|IDENTIFIER:x",
      "/*/ x */ y           ¦ BLOCK_COMMENT:/*/ x */|IDENTIFIER:y",
      "/* a **/ x           ¦ BLOCK_COMMENT:/* a **/|IDENTIFIER:x",
      "/* /* */             ¦ BLOCK_COMMENT:/* /* */…",
      "-- a ; b⏎x           ¦ LINE_COMMENT:-- a ; b|IDENTIFIER:x",
      "1--2                 ¦ NUMBER:1|LINE_COMMENT:--2",
      "a+--b⏎c              ¦ IDENTIFIER:a|OPERATOR:+|LINE_COMMENT:--b|IDENTIFIER:c",
      "*/*x*/               ¦ OPERATOR:*|BLOCK_COMMENT:/*x*/"})
  void comments(String sql, String expected) {
    assertThat(lexed(sql)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
      "\"a;b\"              ¦ QUOTED_IDENTIFIER:\"a;b\"",
      "\"a\"\"b\"; x        ¦ QUOTED_IDENTIFIER:\"a\"\"b\"|SEMICOLON:;|IDENTIFIER:x",
      "\"a\\\"; x           ¦ QUOTED_IDENTIFIER:\"a\\\"|SEMICOLON:;|IDENTIFIER:x",
      "\"open               ¦ QUOTED_IDENTIFIER:\"open…",
      "_a1$ Ñame            ¦ IDENTIFIER:_a1$|IDENTIFIER:Ñame",
      // a no-break space is a name character to the server, not a separator
      "SELECT\u00a01        ¦ IDENTIFIER:SELECT\u00a01"})
  void identifiers(String sql, String expected) {
    assertThat(lexed(sql)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
      "1 1.5 .5 1e10 1.5e-3 ¦ NUMBER:1|NUMBER:1.5|NUMBER:.5|NUMBER:1e10|NUMBER:1.5e-3",
      "0x1F 1_000           ¦ NUMBER:0x1F|NUMBER:1_000",
      "a=-1                 ¦ IDENTIFIER:a|OPERATOR:=|OPERATOR:-|NUMBER:1",
      "j ?| k ?& l ? m      ¦ IDENTIFIER:j|OPERATOR:?||IDENTIFIER:k|OPERATOR:?&|IDENTIFIER:l|OPERATOR:?|IDENTIFIER:m",
      "a::b[1].c, (d);      ¦ IDENTIFIER:a|PUNCTUATION::|PUNCTUATION::|IDENTIFIER:b|PUNCTUATION:[|NUMBER:1|PUNCTUATION:]|PUNCTUATION:.|IDENTIFIER:c|PUNCTUATION:,|PUNCTUATION:(|IDENTIFIER:d|PUNCTUATION:)|SEMICOLON:;",
      "a \\ b {             ¦ IDENTIFIER:a|OTHER:\\|IDENTIFIER:b|OTHER:{"})
  void numbersOperatorsAndPunctuation(String sql, String expected) {
    assertThat(lexed(sql)).isEqualTo(expected);
  }
}
