package io.querydoctor.remedies.cache;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;

/**
 * A second application instance in its own JVM, for {@link SharedCacheConsistencyIT}: its own pool, cache and
 * Redis tier over the same database and Redis. Two writers and two readers on the counters for a bounded time;
 * after each committed write it prints {@code W <id> <value>} (so the parent's checker learns of it), at the end
 * {@code DONE <reads> <stale> <writes> <hits>}, where stale counts its own reads older than its own writes.
 *
 * <p>Arguments: JDBC URL, user, Redis URI, run millis, counters.
 */
public final class CacheInstanceProcess {

  private CacheInstanceProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String redisUri = args[2];
    long runMillis = Long.parseLong(args[3]);
    int counters = Integer.parseInt(args[4]);
    PrintStream out = System.out;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(4);
    try (RedisTier tier = RedisTier.builder(redisUri).build(); HikariDataSource pool = new HikariDataSource(config)) {
      QueryCache cache = QueryCache.create(CacheOptions.builder().tables("counter").shared(tier).build());
      DataSource ds = cache.wrap(pool);
      SharedCacheConsistencyIT.read(ds, 0);   // connects to Redis and warms up before the clock starts
      out.println("READY");
      out.flush();
      AtomicLongArray committed = new AtomicLongArray(counters);
      AtomicLong reads = new AtomicLong();
      AtomicLong stale = new AtomicLong();
      AtomicLong writes = new AtomicLong();
      long deadline = System.nanoTime() + runMillis * 1_000_000;
      ExecutorService threads = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        boolean writer = t < 2;
        done.add(threads.submit(() -> {
          while (System.nanoTime() < deadline) {
            int id = ThreadLocalRandom.current().nextInt(counters);
            if (writer) {
              long value = SharedCacheConsistencyIT.write(ds, id, committed, writes);
              if (value >= 0) {
                synchronized (out) {
                  out.println("W " + id + " " + value);
                  out.flush();
                }
              }
            } else {
              long floor = committed.get(id);
              if (SharedCacheConsistencyIT.read(ds, id) < floor) {
                stale.incrementAndGet();
              }
              reads.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      threads.shutdown();
      long hits = cache.statistics().stream().mapToLong(ShapeStatistics::hits).sum();
      synchronized (out) {
        out.println("DONE " + reads.get() + " " + stale.get() + " " + writes.get() + " " + hits);
        out.flush();
      }
    }
  }
}
