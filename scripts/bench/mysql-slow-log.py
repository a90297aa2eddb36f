#!/usr/bin/env python3
"""Writes a MariaDB slow query log (long_query_time = 0) shaped like sysbench oltp_read_write, for benchmarks.

Usage: mysql-slow-log.py OUTPUT MEGABYTES [SEED]

The statement mix, per transaction, is sysbench's oltp_read_write defaults: 10 point selects, one each of
simple range, sum range, order range and distinct range, an index update, a non-index update, a delete and an
insert, between BEGIN and COMMIT. Headers follow MariaDB 10.11 (# Time only when the second changes,
# User@Host, # Thread_id/Schema/QC_hit, # Query_time ..., # Rows_affected/Bytes_sent, SET timestamp).
"""
import random
import sys


def statements(rng):
    tables = 10
    t = rng.randint(1, tables)
    yield "BEGIN", 0, 0
    for _ in range(10):
        yield "SELECT c FROM sbtest%d WHERE id=%d" % (t, rng.randint(1, 100000)), 1, 1
    a = rng.randint(1, 99900)
    yield "SELECT c FROM sbtest%d WHERE id BETWEEN %d AND %d" % (t, a, a + 99), 100, 100
    yield "SELECT SUM(k) FROM sbtest%d WHERE id BETWEEN %d AND %d" % (t, a, a + 99), 1, 100
    yield "SELECT c FROM sbtest%d WHERE id BETWEEN %d AND %d ORDER BY c" % (t, a, a + 99), 100, 100
    yield "SELECT DISTINCT c FROM sbtest%d WHERE id BETWEEN %d AND %d ORDER BY c" % (t, a, a + 99), 100, 100
    yield "UPDATE sbtest%d SET k=k+1 WHERE id=%d" % (t, rng.randint(1, 100000)), 0, 1
    yield "UPDATE sbtest%d SET c='%s' WHERE id=%d" % (t, "-".join("%011d" % rng.randint(0, 10**11) for _ in range(10)), rng.randint(1, 100000)), 0, 1
    i = rng.randint(1, 100000)
    yield "DELETE FROM sbtest%d WHERE id=%d" % (t, i), 0, 1
    yield "INSERT INTO sbtest%d (id, k, c, pad) VALUES (%d, %d, '%s', '%s')" % (
        t, i, rng.randint(1, 100000), "-".join("%011d" % rng.randint(0, 10**11) for _ in range(10)),
        "-".join("%011d" % rng.randint(0, 10**11) for _ in range(5))), 0, 0
    yield "COMMIT", 0, 0


def main():
    out, megabytes = sys.argv[1], float(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    limit = int(megabytes * 1_000_000)
    now = 1795248000.0
    last_second = None
    written = 0
    with open(out, "w", encoding="ascii") as f:
        f.write("/usr/sbin/mariadbd, Version: 10.11.6-MariaDB-0+deb12u1-log (Debian 12). started with:\n"
                "Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock\nTime\t\t    Id Command\tArgument\n")
        while written < limit:
            thread = rng.randint(10, 25)
            for sql, sent, examined in statements(rng):
                elapsed = rng.lognormvariate(-8.5, 1.0)
                now += elapsed + rng.random() * 0.0002
                second = int(now)
                parts = []
                if second != last_second:
                    tm = __import__("time").gmtime(second)
                    parts.append("# Time: %02d%02d%02d %2d:%02d:%02d\n" % (
                        tm.tm_year % 100, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec))
                    last_second = second
                parts.append("# User@Host: sbtest[sbtest] @ localhost []\n")
                parts.append("# Thread_id: %d  Schema: sbtest  QC_hit: No\n" % thread)
                parts.append("# Query_time: %.6f  Lock_time: %.6f  Rows_sent: %d  Rows_examined: %d\n" % (
                    elapsed, elapsed * 0.2, sent, examined))
                parts.append("# Rows_affected: %d  Bytes_sent: %d\n" % (0 if sent else 1, 11 + 190 * sent))
                parts.append("SET timestamp=%d;\n%s;\n" % (second, sql))
                chunk = "".join(parts)
                f.write(chunk)
                written += len(chunk)


if __name__ == "__main__":
    main()
