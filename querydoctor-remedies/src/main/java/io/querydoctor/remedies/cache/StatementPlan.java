package io.querydoctor.remedies.cache;

import io.querydoctor.core.sql.Fingerprint;
import java.time.Duration;
import java.util.Set;

/**
 * What the cache makes of one SQL text, decided once per distinct text.
 *
 * @param fingerprint the statement's shape (counters are kept per shape)
 * @param write true when it may change rows (or its kind is unknown): it invalidates, it is never served
 * @param tables the tables it reads (a read) or touches (a write); {@code null} when they could not be parsed,
 *     which for a write means every table
 * @param cacheable a read the options opt in
 * @param ttl how long its entries live, when cacheable
 */
record StatementPlan(Fingerprint fingerprint, boolean write, Set<String> tables, boolean cacheable, Duration ttl) {

  /** A write whose tables are unknown: it invalidates everything. */
  boolean writesEverything() {
    return write && tables == null;
  }
}
