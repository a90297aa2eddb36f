-- querydoctor monitor history, version 1. Everything lives in its own schema so a shared store database can
-- hold other things too. Times are the monitor's clock (timestamptz); deltas cover (interval_start, interval_end].

CREATE TABLE qd_monitor.sample (
  id             bigserial PRIMARY KEY,
  target         text        NOT NULL,
  interval_start timestamptz,            -- null for a target's first sample (no deltas: it only sets the baseline)
  interval_end   timestamptz NOT NULL,
  ok             boolean     NOT NULL,
  error          text,
  counters_reset boolean     NOT NULL DEFAULT false,
  duration_ms    double precision
);
CREATE INDEX sample_target_end ON qd_monitor.sample (target, interval_end);
CREATE INDEX sample_end ON qd_monitor.sample (interval_end);  -- retention deletes by age across targets

-- The last cumulative counters read from each target, so that a restarted monitor continues from them.
CREATE TABLE qd_monitor.counter_state (
  target     text PRIMARY KEY,
  sampled_at timestamptz NOT NULL,
  state      jsonb       NOT NULL
);

CREATE TABLE qd_monitor.statement_delta (
  sample_id         bigint NOT NULL REFERENCES qd_monitor.sample ON DELETE CASCADE,
  queryid           bigint NOT NULL,
  query             text,
  calls             bigint NOT NULL,
  total_exec_ms     double precision NOT NULL,
  rows              bigint NOT NULL,
  shared_blks_hit   bigint NOT NULL,
  shared_blks_read  bigint NOT NULL,
  temp_blks_written bigint NOT NULL
);
CREATE INDEX statement_delta_sample ON qd_monitor.statement_delta (sample_id);
CREATE INDEX statement_delta_queryid ON qd_monitor.statement_delta (queryid);

CREATE TABLE qd_monitor.database_delta (
  sample_id     bigint PRIMARY KEY REFERENCES qd_monitor.sample ON DELETE CASCADE,
  xact_commit   bigint NOT NULL,
  xact_rollback bigint NOT NULL,
  own_rollbacks bigint NOT NULL,
  blks_hit      bigint NOT NULL,
  blks_read     bigint NOT NULL,
  temp_files    bigint NOT NULL,
  temp_bytes    bigint NOT NULL,
  deadlocks     bigint NOT NULL
);

CREATE TABLE qd_monitor.table_delta (
  sample_id           bigint NOT NULL REFERENCES qd_monitor.sample ON DELETE CASCADE,
  table_name          text   NOT NULL,
  seq_scan            bigint NOT NULL,
  idx_scan            bigint NOT NULL,
  n_tup_ins           bigint NOT NULL,
  n_tup_upd           bigint NOT NULL,
  n_tup_del           bigint NOT NULL,
  n_dead_tup          bigint NOT NULL,   -- gauge at interval_end
  n_mod_since_analyze bigint NOT NULL    -- gauge at interval_end
);
CREATE INDEX table_delta_sample ON qd_monitor.table_delta (sample_id);

CREATE TABLE qd_monitor.activity (
  sample_id                      bigint PRIMARY KEY REFERENCES qd_monitor.sample ON DELETE CASCADE,
  connections                    int    NOT NULL,
  max_connections                int    NOT NULL,
  active                         int    NOT NULL,
  idle                           int    NOT NULL,
  idle_in_transaction            int    NOT NULL,
  longest_idle_in_transaction_s  double precision NOT NULL,
  longest_query_s                double precision NOT NULL,
  waiting                        int    NOT NULL,
  blocked                        int    NOT NULL,
  longest_lock_wait_s            double precision NOT NULL,
  replication_lag_s              double precision        -- null: no standby and not a standby
);

CREATE TABLE qd_monitor.finding (
  target     text        NOT NULL,
  key        text        NOT NULL,
  rule_id    text        NOT NULL,
  severity   text        NOT NULL,
  title      text        NOT NULL,
  finding    jsonb       NOT NULL,
  first_seen timestamptz NOT NULL,
  last_seen  timestamptz NOT NULL,
  PRIMARY KEY (target, key)
);

CREATE TABLE qd_monitor.alert (
  id          bigserial PRIMARY KEY,
  target      text        NOT NULL,
  rule        text        NOT NULL,
  subject     text        NOT NULL,
  severity    text        NOT NULL,
  state       text        NOT NULL CHECK (state IN ('pending', 'firing', 'resolved', 'cancelled')),
  value       double precision,
  summary     text        NOT NULL,
  detail      text,                    -- what exactly was observed, e.g. a health finding's title and fix
  started_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX alert_open ON qd_monitor.alert (target, rule, subject) WHERE state IN ('pending', 'firing');

CREATE TABLE qd_monitor.alert_event (
  id       bigserial PRIMARY KEY,
  alert_id bigint      NOT NULL REFERENCES qd_monitor.alert ON DELETE CASCADE,
  at       timestamptz NOT NULL,
  state    text        NOT NULL,
  value    double precision
);

CREATE TABLE qd_monitor.delivery (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL,
  notifier  text        NOT NULL,
  alert_ids text        NOT NULL,
  attempt   int         NOT NULL,
  ok        boolean     NOT NULL,
  detail    text
);

CREATE TABLE qd_monitor.deploy_mark (
  id     bigserial PRIMARY KEY,
  at     timestamptz NOT NULL,
  label  text        NOT NULL,
  target text                      -- null: every target
);
