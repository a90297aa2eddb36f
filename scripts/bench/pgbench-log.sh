#!/bin/bash
# Generates a PostgreSQL stderr log with log_min_duration_statement = 0 from pgbench (docs/performance.md, run 6):
# prepared tpcb-like + a custom script until SWITCH_BYTES, then simple-protocol select-only + the script until
# TOTAL_BYTES. Needs Debian's postgresql-client (pgbench) and unshare (runs the server as root).
set -e
P=${PG_BIN:?set PG_BIN to a PostgreSQL 17 bin directory, e.g. /tmp/embedded-pg/PG-<hash>/bin}
mkdir -m 777 -p /tmp/qd-pgd ${WORK:-/tmp/qd-pglog} ${LOGDIR:-/tmp/qd-bench-pg2}
unshare -U $P/initdb -D /tmp/qd-pgd/data -U postgres -A trust > ${WORK:-/tmp/qd-pglog}/initdb.log 2>&1
nohup unshare -U $P/postgres -D /tmp/qd-pgd/data -p 54997 -c listen_addresses=127.0.0.1 -c logging_collector=on \
  -c log_destination=stderr -c log_directory=${LOGDIR:-/tmp/qd-bench-pg2} -c log_filename=postgresql.log \
  -c log_min_duration_statement=0 -c "log_line_prefix=%m [%p] %q%u@%d " -c log_timezone=UTC -c fsync=off > ${WORK:-/tmp/qd-pglog}/server.log 2>&1 &
sleep 3
pgbench -h 127.0.0.1 -p 54997 -U postgres -i -s 5 postgres > ${WORK:-/tmp/qd-pglog}/init.log 2>&1
cat > ${WORK:-/tmp/qd-pglog}/custom.sql <<'SQL'
\set aid random(1, 500000)
\set bid random(1, 5)
\set lo random(1, 490000)
SELECT a.aid, a.abalance, b.bbalance FROM pgbench_accounts a JOIN pgbench_branches b ON b.bid = a.bid WHERE a.aid = :aid;
SELECT count(*), sum(abalance) FROM pgbench_accounts WHERE aid BETWEEN :lo AND :lo + 100;
SELECT aid, abalance FROM pgbench_accounts WHERE aid IN (:aid, :aid + 1, :aid + 2, :aid + 7, :aid + 11);
BEGIN;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid FOR UPDATE;
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;
COMMIT;
SQL
cd ${WORK:-/tmp/qd-pglog}
while [ $(stat -c %s ${LOGDIR:-/tmp/qd-bench-pg2}/postgresql.log) -lt ${SWITCH_BYTES:-480000000} ]; do
  pgbench -h 127.0.0.1 -p 54997 -U postgres -c 2 -j 1 -T 30 -M prepared -b tpcb-like@2 -f custom.sql@1 postgres >> run.log 2>&1
done
while [ $(stat -c %s ${LOGDIR:-/tmp/qd-bench-pg2}/postgresql.log) -lt ${TOTAL_BYTES:-720000000} ]; do
  pgbench -h 127.0.0.1 -p 54997 -U postgres -c 2 -j 1 -T 30 -M simple -b select-only -f custom.sql@1 postgres >> run.log 2>&1
done
ls -la ${LOGDIR:-/tmp/qd-bench-pg2}/
