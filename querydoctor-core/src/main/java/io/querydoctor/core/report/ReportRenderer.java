package io.querydoctor.core.report;

import java.io.IOException;
import java.io.Writer;

/**
 * Presents a {@link Report}. Renderers never compute findings; they only format them. Implementations are
 * stateless and may be used from any thread. Every string that came from a database (SQL, identifiers) is
 * escaped for the output format.
 */
public interface ReportRenderer {

  /** Writes {@code report} to {@code out}; does not close it. */
  void render(Report report, Writer out) throws IOException;
}
