-- The dashboard's tables, next to the monitor's (schema qd_monitor, created by the monitor's migrations).
-- Idempotent: run by every dashboard at start under an advisory lock.

-- Hourly rollup of every full hour of statement history, so that a page over days or a month reads
-- (hours x query ids) rows, not (samples x query ids). p95_mean_ms: the 95th percentile of the per-sample means
-- in the hour (pg_stat_statements has no percentiles: an estimate, shown as such).
CREATE TABLE IF NOT EXISTS qd_monitor.statement_rollup_hour (
  target            text        NOT NULL,
  hour              timestamptz NOT NULL,
  queryid           bigint      NOT NULL,
  calls             bigint      NOT NULL,
  total_exec_ms     double precision NOT NULL,
  rows              bigint      NOT NULL,
  temp_blks_written bigint      NOT NULL,
  p95_mean_ms       double precision NOT NULL,
  PRIMARY KEY (target, hour, queryid)
);
CREATE INDEX IF NOT EXISTS statement_rollup_hour_query ON qd_monitor.statement_rollup_hour (target, queryid, hour);

-- The latest text of each query id (redacted when it was sampled), so pages need not scan deltas for it.
CREATE TABLE IF NOT EXISTS qd_monitor.statement_text (
  target    text   NOT NULL,
  queryid   bigint NOT NULL,
  query     text   NOT NULL,
  PRIMARY KEY (target, queryid)
);

-- pg_stat_activity at each detail sample (client backends, the monitor's own left out); kept one day.
CREATE TABLE IF NOT EXISTS qd_monitor.session_snapshot (
  target           text        NOT NULL,
  at               timestamptz NOT NULL,
  pid              int         NOT NULL,
  usename          text,
  application_name text,
  client           text,
  state            text,
  xact_age_s       double precision,
  state_age_s      double precision,
  wait_event       text,
  blocked_by       int[]       NOT NULL,
  query            text
);
CREATE INDEX IF NOT EXISTS session_snapshot_at ON qd_monitor.session_snapshot (target, at);

-- Tables and indexes with sizes, maintenance and usage at each size sample; kept with the full-resolution history.
CREATE TABLE IF NOT EXISTS qd_monitor.relation_snapshot (
  target              text        NOT NULL,
  at                  timestamptz NOT NULL,
  kind                text        NOT NULL CHECK (kind IN ('table', 'index')),
  name                text        NOT NULL,
  table_name          text        NOT NULL,
  bytes               bigint      NOT NULL,   -- table: with indexes and TOAST
  scans               bigint,                 -- index: idx_scan; table: seq_scan
  live_tuples         bigint,
  dead_tuples         bigint,
  mods_since_analyze  bigint,
  last_vacuum         timestamptz,
  last_analyze        timestamptz,
  xid_age             bigint,
  options             text,                   -- reloptions (autovacuum settings that differ); index: definition
  valid               boolean
);
CREATE INDEX IF NOT EXISTS relation_snapshot_at ON qd_monitor.relation_snapshot (target, at);

CREATE TABLE IF NOT EXISTS qd_monitor.database_size (
  target  text        NOT NULL,
  at      timestamptz NOT NULL,
  bytes   bigint      NOT NULL,
  xid_age bigint      NOT NULL,
  PRIMARY KEY (target, at)
);

-- Findings a user suppressed from the dashboard, with the reason.
CREATE TABLE IF NOT EXISTS qd_monitor.finding_suppression (
  target text        NOT NULL,
  key    text        NOT NULL,
  reason text        NOT NULL,
  at     timestamptz NOT NULL,
  PRIMARY KEY (target, key)
);

-- Acknowledgements and silences of alerts, from the dashboard.
CREATE TABLE IF NOT EXISTS qd_monitor.alert_note (
  id       bigserial PRIMARY KEY,
  alert_id bigint      NOT NULL,
  action   text        NOT NULL CHECK (action IN ('acknowledge', 'silence')),
  reason   text        NOT NULL,
  until    timestamptz,
  at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_note_alert ON qd_monitor.alert_note (alert_id);

-- Daily rollup of the hourly one, for pages over a week or a month (p95_mean_ms: 95th percentile of the hours').
CREATE TABLE IF NOT EXISTS qd_monitor.statement_rollup_day (
  target            text        NOT NULL,
  day               timestamptz NOT NULL,
  queryid           bigint      NOT NULL,
  calls             bigint      NOT NULL,
  total_exec_ms     double precision NOT NULL,
  rows              bigint      NOT NULL,
  temp_blks_written bigint      NOT NULL,
  p95_mean_ms       double precision NOT NULL,
  PRIMARY KEY (target, day, queryid)
);
CREATE INDEX IF NOT EXISTS statement_rollup_day_query ON qd_monitor.statement_rollup_day (target, queryid, day);

-- Five-minute rollup, for ranges of hours and the deploy comparisons (kept as long as full-resolution history).
CREATE TABLE IF NOT EXISTS qd_monitor.statement_rollup_5m (
  target            text        NOT NULL,
  bucket            timestamptz NOT NULL,
  queryid           bigint      NOT NULL,
  calls             bigint      NOT NULL,
  total_exec_ms     double precision NOT NULL,
  rows              bigint      NOT NULL,
  temp_blks_written bigint      NOT NULL,
  p95_mean_ms       double precision NOT NULL,
  PRIMARY KEY (target, bucket, queryid)
);
CREATE INDEX IF NOT EXISTS statement_rollup_5m_query ON qd_monitor.statement_rollup_5m (target, queryid, bucket);

-- Hourly sums of the database and table deltas the overview's ratios need (cache hits, rollbacks, index scans).
CREATE TABLE IF NOT EXISTS qd_monitor.database_rollup_hour (
  target        text        NOT NULL,
  hour          timestamptz NOT NULL,
  blks_hit      bigint      NOT NULL,
  blks_read     bigint      NOT NULL,
  commits       bigint      NOT NULL,
  app_rollbacks bigint      NOT NULL,
  idx_scan      bigint      NOT NULL,
  seq_scan      bigint      NOT NULL,
  PRIMARY KEY (target, hour)
);

-- The index advisor's latest run per target (IndexSuggestions): when, how costs were obtained, or why it could
-- not run; and the indexes it chose in that run. Replaced at each run.
CREATE TABLE IF NOT EXISTS qd_monitor.index_advice_run (
  target     text        PRIMARY KEY,
  at         timestamptz NOT NULL,
  method     text,
  statements integer     NOT NULL,
  note       text
);
CREATE TABLE IF NOT EXISTS qd_monitor.index_suggestion (
  target              text             NOT NULL,
  rank                integer          NOT NULL,
  table_name          text             NOT NULL,
  columns             text             NOT NULL,
  ddl                 text             NOT NULL,
  bytes               bigint           NOT NULL,
  write_cost_per_hour double precision NOT NULL,
  statements_helped   integer          NOT NULL,
  cost_before         double precision NOT NULL,
  cost_after          double precision NOT NULL,
  PRIMARY KEY (target, rank)
);
