-- Hourly rollups: what full-resolution history becomes after the retention window (kept 90 days by default).
-- hour is the start of the UTC hour the samples' interval_end fell in.

CREATE TABLE qd_monitor.statement_hourly (
  target            text        NOT NULL,
  hour              timestamptz NOT NULL,
  queryid           bigint      NOT NULL,
  calls             bigint      NOT NULL,
  total_exec_ms     double precision NOT NULL,
  rows              bigint      NOT NULL,
  shared_blks_hit   bigint      NOT NULL,
  shared_blks_read  bigint      NOT NULL,
  temp_blks_written bigint      NOT NULL,
  PRIMARY KEY (target, hour, queryid)
);
CREATE INDEX statement_hourly_hour ON qd_monitor.statement_hourly (hour);

CREATE TABLE qd_monitor.database_hourly (
  target        text        NOT NULL,
  hour          timestamptz NOT NULL,
  samples       int         NOT NULL,
  xact_commit   bigint      NOT NULL,
  xact_rollback bigint      NOT NULL,
  own_rollbacks bigint      NOT NULL,
  blks_hit      bigint      NOT NULL,
  blks_read     bigint      NOT NULL,
  temp_files    bigint      NOT NULL,
  temp_bytes    bigint      NOT NULL,
  deadlocks     bigint      NOT NULL,
  PRIMARY KEY (target, hour)
);
CREATE INDEX database_hourly_hour ON qd_monitor.database_hourly (hour);

-- Plan fingerprints of the top statements, from the heavy checks: the latest shape per query id and the one
-- before it, so a change can be shown node by node.
CREATE TABLE qd_monitor.plan_fingerprint (
  target         text        NOT NULL,
  queryid        bigint      NOT NULL,
  fingerprint    text        NOT NULL,
  shape          text        NOT NULL,   -- one node per line: type, index, relation
  previous_shape text,
  first_seen     timestamptz NOT NULL,   -- of the current shape
  last_seen      timestamptz NOT NULL,
  changed_at     timestamptz,
  PRIMARY KEY (target, queryid)
);
