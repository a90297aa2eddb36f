package io.querydoctor.core.report;

/**
 * How a report is presented.
 *
 * @param colour ANSI colours in text output (on when writing to a terminal)
 * @param verbose show every finding in full; otherwise the text report shows the top ones in full
 */
public record RenderOptions(boolean colour, boolean verbose) {

  public static final RenderOptions PLAIN = new RenderOptions(false, false);
}
