package io.querydoctor.monitor.sample;

import java.util.List;

/**
 * What happened on a target between two snapshots: only statements and tables with activity are listed.
 *
 * @param countersReset true when a statistics reset happened in the interval (a clean restart is none: the
 *     statistics are saved and reloaded): the
 *     deltas then count only what happened since the reset (the part before it is lost, never guessed)
 */
public record Deltas(boolean countersReset, DatabaseCounters database, List<StatementCounters> statements,
    List<TableCounters> tables) {

  public Deltas {
    statements = List.copyOf(statements);
    tables = List.copyOf(tables);
  }

  /** Buffer cache hit ratio over the interval, or null when too few blocks were touched to say. */
  public Double cacheHitRatio(long minBlocks) {
    long total = database.blksHit() + database.blksRead();
    return total < minBlocks ? null : (double) database.blksHit() / total;
  }
}
