package io.querydoctor.core.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * The digest of one query shape (fingerprint): what it cost over the digested period.
 *
 * @param fingerprint the fingerprint id ({@link io.querydoctor.core.sql.Fingerprint#id()}), or {@link #OTHER}
 *     for the folded tail
 * @param example the normalized statement (literals replaced by {@code ?}); safe to show
 * @param kind the statement kind (SELECT, INSERT, …)
 * @param calls executions
 * @param totalMillis summed execution time
 * @param meanMillis {@code totalMillis / calls}
 * @param minMillis fastest execution
 * @param maxMillis slowest execution
 * @param p50Millis median from the quantile sketch (±1 %), or {@code null} when the source gives only totals
 *     (pg_stat_statements)
 * @param p95Millis 95th percentile, or {@code null} as above
 * @param p99Millis 99th percentile, or {@code null} as above
 * @param rowsSent rows returned, or {@code null} when the source does not say
 * @param rowsExamined rows read by the server (MySQL slow log), or {@code null}
 * @param lockMillis time waiting for locks (MySQL slow log), or {@code null}
 * @param firstSeen first execution, or {@code null} when the source has no timestamps
 * @param lastSeen last execution, or {@code null}
 * @param databases calls per database, most first (bounded; overflow under "(other)")
 * @param users calls per user
 * @param applications calls per application name
 * @param clients calls per client host
 * @param series calls and time per time bucket
 * @param readOnly a plain read: SELECT without FOR UPDATE/SHARE
 * @param distinctParameterSets distinct statement texts seen, for shapes logged with their literals inline; up
 *     to {@link #MANY_PARAMETER_SETS}, which means "more". {@code null} when unknown (bind parameters, totals)
 * @param partial true when some of this shape's executions were folded into the "other" bucket earlier in the
 *     input (memory bound); its counts are then a lower bound and the rest is in "other"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShapeDigest(
    String fingerprint,
    String example,
    String kind,
    long calls,
    double totalMillis,
    double meanMillis,
    double minMillis,
    double maxMillis,
    Double p50Millis,
    Double p95Millis,
    Double p99Millis,
    Long rowsSent,
    Long rowsExamined,
    Double lockMillis,
    Instant firstSeen,
    Instant lastSeen,
    Map<String, Long> databases,
    Map<String, Long> users,
    Map<String, Long> applications,
    Map<String, Long> clients,
    Series series,
    boolean readOnly,
    Integer distinctParameterSets,
    boolean partial) {

  /** Distinct parameter sets are counted up to here; more is "many" for every purpose of the rules. */
  public static final int MANY_PARAMETER_SETS = 64;

  /** The fingerprint of the bucket that holds the shapes not kept individually. */
  public static final String OTHER = "other";

  public ShapeDigest {
    databases = databases == null ? Map.of() : databases;
    users = users == null ? Map.of() : users;
    applications = applications == null ? Map.of() : applications;
    clients = clients == null ? Map.of() : clients;
    series = series == null ? Series.EMPTY : series;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isOther() {
    return OTHER.equals(fingerprint);
  }

  /** p95 when known, else the mean: what the slow-query and regression rules compare. */
  public double p95OrMeanMillis() {
    return p95Millis != null ? p95Millis : meanMillis;
  }

  /** Statements a person or a job runs now and then (DDL, bulk load, maintenance): not tuned per hour. */
  private static final java.util.Set<String> MAINTENANCE = java.util.Set.of("COPY", "ANALYZE", "VACUUM", "ALTER",
      "CREATE", "DROP", "REINDEX", "CLUSTER", "REFRESH", "TRUNCATE", "GRANT", "REVOKE", "COMMENT", "CHECKPOINT",
      "LOAD", "OPTIMIZE");

  /**
   * True for DDL, {@code COPY}, {@code VACUUM}/{@code ANALYZE} and the like: one-off work whose time is not a
   * query to tune per hour, so the slow-query rule leaves it alone (the workload table still shows it).
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isMaintenance() {
    String text = example == null ? "" : example.stripLeading();
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return MAINTENANCE.contains(text.substring(0, end).toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * The statement for a finding's title: its normalized text (literals already {@code ?}) on one line, cut to
   * {@code max} characters, so that a reader sees which query it is without looking up the fingerprint.
   */
  public String headline(int max) {
    String flat = example == null ? fingerprint : example.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
