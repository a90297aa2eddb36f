package io.querydoctor.core.sql;

/** Kinds of token in normalized text; they decide the spacing between tokens and list collapsing. */
enum Token {
  KEYWORD,
  IDENTIFIER,
  PLACEHOLDER,
  OPERATOR,
  OPEN,
  CLOSE,
  OPEN_BRACKET,
  CLOSE_BRACKET,
  COMMA,
  DOT,
  CAST,
  SEMICOLON
}
