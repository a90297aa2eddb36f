package io.querydoctor.postgres;

import io.querydoctor.core.diagnosis.Analyzer;
import java.util.ArrayList;
import java.util.List;

/** The analyzers a PostgreSQL diagnosis runs, in order. */
public final class PgAnalyzers {

  private PgAnalyzers() {}

  /** Every analyzer available for a live PostgreSQL database. */
  public static List<Analyzer<? super PgTarget>> all() {
    List<Analyzer<? super PgTarget>> analyzers = new ArrayList<>();
    return analyzers;
  }
}
