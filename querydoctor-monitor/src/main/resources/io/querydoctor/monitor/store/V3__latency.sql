-- Latency percentiles per statement and interval: measured from the server log (--log) or estimated from
-- pg_stat_statements' mean and stddev; "measured" says which, and consumers must show it.
CREATE TABLE qd_monitor.statement_latency (
  target       text        NOT NULL,
  interval_end timestamptz NOT NULL,
  fingerprint  text        NOT NULL,
  queryid      bigint,                  -- null: a statement only the log saw
  query        text,                    -- normalized, never with values
  calls        bigint      NOT NULL,
  p50_ms       double precision NOT NULL,
  p95_ms       double precision NOT NULL,
  p99_ms       double precision NOT NULL,
  measured     boolean     NOT NULL,
  PRIMARY KEY (target, interval_end, fingerprint)
);
CREATE INDEX statement_latency_end ON qd_monitor.statement_latency (interval_end);

-- PgBouncer (--pgbouncer): its pools at each sample (SHOW POOLS, gauges) and what its statistics counted in
-- the interval (SHOW STATS, deltas). A failed sample is one row with ok = false and the error.
CREATE TABLE qd_monitor.pooler_pool (
  pooler        text        NOT NULL,
  at            timestamptz NOT NULL,
  ok            boolean     NOT NULL,
  error         text,
  database      text,
  username      text,
  cl_active     bigint,
  cl_waiting    bigint,
  sv_active     bigint,
  sv_idle       bigint,
  sv_used       bigint,
  max_wait_s    double precision,
  pool_mode     text
);
CREATE INDEX pooler_pool_at ON qd_monitor.pooler_pool (pooler, at);

CREATE TABLE qd_monitor.pooler_stats (
  pooler        text        NOT NULL,
  at            timestamptz NOT NULL,
  database      text        NOT NULL,
  transactions  bigint      NOT NULL,
  queries       bigint      NOT NULL,
  wait_us       bigint      NOT NULL,
  xact_us       bigint      NOT NULL,
  query_us      bigint      NOT NULL
);
CREATE INDEX pooler_stats_at ON qd_monitor.pooler_stats (pooler, at);
