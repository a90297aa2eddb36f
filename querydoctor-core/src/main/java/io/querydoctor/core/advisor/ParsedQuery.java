package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the parser understood of one statement: the table accesses of all its query blocks (a table read in
 * two blocks appears twice), or why it was skipped.
 *
 * @param accesses per query block and table, in the order the statement mentions them; empty when skipped
 * @param writtenTable the table an INSERT/UPDATE/DELETE/MERGE changes, lower case; {@code null} for reads
 * @param skipReason why the statement could not be used, or {@code null}
 */
public record ParsedQuery(List<TableAccess> accesses, String writtenTable, String skipReason) {

  public ParsedQuery {
    accesses = List.copyOf(accesses);
  }

  static ParsedQuery skipped(String reason) {
    return new ParsedQuery(List.of(), null, reason);
  }

  public boolean isSkipped() {
    return skipReason != null;
  }

  public boolean isWrite() {
    return writtenTable != null;
  }

  /** Every access to {@code table} (lower case, as the statement names it). */
  public List<TableAccess> accessesTo(String table) {
    List<TableAccess> found = new ArrayList<>();
    for (TableAccess access : accesses) {
      if (access.table().equals(table)) {
        found.add(access);
      }
    }
    return found;
  }

  /** The first access to {@code table}, for tests and simple statements. */
  public Optional<TableAccess> access(String table) {
    return accessesTo(table).stream().findFirst();
  }

  /** The distinct tables the statement reads or writes. */
  public List<String> tables() {
    List<String> tables = new ArrayList<>();
    accesses.forEach(a -> {
      if (!tables.contains(a.table())) {
        tables.add(a.table());
      }
    });
    if (writtenTable != null && !tables.contains(writtenTable)) {
      tables.add(writtenTable);
    }
    return tables;
  }
}
