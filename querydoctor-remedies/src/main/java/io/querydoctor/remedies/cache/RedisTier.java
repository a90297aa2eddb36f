package io.querydoctor.remedies.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shared tier on Redis, through Lettuce: one multiplexed connection for every application thread, commands
 * rejected at once while it is down (fail-open without waiting), reconnection in the background.
 *
 * <pre>{@code
 * RedisTier redis = RedisTier.builder("redis://127.0.0.1:6379").timeout(Duration.ofMillis(100)).build();
 * QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").shared(redis).build());
 * ...
 * redis.close();   // at shutdown
 * }</pre>
 *
 * <p>Design note: keys of one database namespace share a hash tag, so every script touches one slot. Per table
 * a generation counter {@code qd:{ns}:g:<table>}, per namespace an epoch {@code qd:{ns}:e}, per result an entry
 * {@code qd:{ns}:r:<sha-256>} with a TTL. Three Lua scripts, each one round trip and atomic: LOOKUP reads the
 * epoch, the generations and the entry (and creates a missing counter with a random value, so a counter lost
 * to a restart or an eviction never comes back at a value an old stamp holds); STORE sets the entry only while
 * the stamp it was read under is still current (a read that overlapped a write never writes back its old
 * rows); PUBLISH raises the generations of written tables (the epoch for unknown tables). The scripts are sent
 * with EVAL each time, not EVALSHA: a restarted Redis has forgotten loaded scripts, and they are short.
 *
 * <p>Settling after a reset: when a script has to create a counter (Redis restarted empty, a key evicted, or a
 * table's first use), another instance may still hold writes it could not publish while Redis was away, and
 * only sends them once its own connection is back, up to a reconnect delay later. A reader that reconnected
 * first would otherwise store rows under the new counters that such a write has already outdated, and serve
 * them until that instance publishes (SharedCacheConsistencyIT caught 55 stale reads of 12 763 that way). So
 * creating a counter also sets {@code qd:{ns}:s} for {@link Builder#settleAfterReset} (by default two reconnect
 * delays and one command timeout): while it exists, lookups answer "unavailable" (the read goes to the
 * database) and stores are refused.
 */
public final class RedisTier implements SharedTier, AutoCloseable {

  private static final String LOOKUP = """
      local n = tonumber(ARGV[1])
      local settle = KEYS[n + 1]
      local out = {}
      for i = 1, n do
        local v = redis.call('GET', KEYS[i])
        if not v then
          v = ARGV[i + 1]
          redis.call('SET', KEYS[i], v)
          if tonumber(ARGV[n + 2]) > 0 then
            redis.call('SET', settle, '1', 'PX', ARGV[n + 2])
          end
        end
        out[i] = v
      end
      if redis.call('EXISTS', settle) == 1 then
        return {}
      end
      if #KEYS > n + 1 then
        out[n + 1] = redis.call('GET', KEYS[n + 2])
      end
      return out
      """;
  private static final String STORE = """
      local n = #KEYS - 2
      if redis.call('EXISTS', KEYS[n + 1]) == 1 then
        return 0
      end
      for i = 1, n do
        if redis.call('GET', KEYS[i]) ~= ARGV[i + 2] then
          return 0
        end
      end
      redis.call('SET', KEYS[n + 2], ARGV[2], 'PX', ARGV[1])
      return 1
      """;
  private static final String PUBLISH = """
      local n = #KEYS - 1
      for i = 1, n do
        if redis.call('EXISTS', KEYS[i]) == 0 then
          redis.call('SET', KEYS[i], ARGV[i])
          if tonumber(ARGV[n + 1]) > 0 then
            redis.call('SET', KEYS[n + 1], '1', 'PX', ARGV[n + 1])
          end
        end
        redis.call('INCR', KEYS[i])
      end
      return n
      """;

  private final RedisURI uri;
  private final Duration retryAfterFailedConnect;
  private final int maxEntryBytes;
  private final long settleMillis;
  private final ClientResources resources;
  private final RedisClient client;
  private final PendingWrites pending = new PendingWrites();
  private volatile StatefulRedisConnection<String, byte[]> connection;
  private volatile long nextConnectNanos;

  private RedisTier(Builder b) {
    this.uri = RedisURI.create(b.uri);
    // Connecting the first time loads and starts Netty: give it longer than one command.
    this.uri.setTimeout(b.connectTimeout);
    this.retryAfterFailedConnect = b.reconnectDelay;
    this.maxEntryBytes = b.maxEntryBytes;
    this.settleMillis = b.settleAfterReset != null ? b.settleAfterReset.toMillis()
        : b.reconnectDelay.multipliedBy(2).plus(b.timeout).toMillis();
    this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
        .reconnectDelay(Delay.constant(b.reconnectDelay)).build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Queued commands would wait for the timeout while Redis is down; rejected ones fail at once.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(b.timeout))
        .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).build())
        .build());
  }

  /** A tier on the Redis at {@code uri} ({@code redis://host:port[/db]}); it connects at first use. */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  @Override
  public Lookup lookup(String namespace, List<String> tables, String entryHash) {
    StatefulRedisConnection<String, byte[]> redis = connected();
    flushPending(redis);
    int versioned = tables.size() + 1;
    String[] keys = new String[versioned + 1 + (entryHash == null ? 0 : 1)];
    byte[][] args = new byte[versioned + 2][];
    args[0] = ascii(Integer.toString(versioned));
    keys[0] = epochKey(namespace);
    for (int i = 0; i < tables.size(); i++) {
      keys[i + 1] = generationKey(namespace, tables.get(i));
    }
    for (int i = 1; i <= versioned; i++) {
      args[i] = ascii(Long.toString(ThreadLocalRandom.current().nextLong(1L << 62)));
    }
    args[versioned + 1] = ascii(Long.toString(settleMillis));
    keys[versioned] = settleKey(namespace);
    if (entryHash != null) {
      keys[versioned + 1] = entryKey(namespace, entryHash);
    }
    List<Object> values = call(() -> redis.sync().eval(LOOKUP, ScriptOutputType.MULTI, keys, args));
    if (values.isEmpty()) {
      throw new SharedTierUnavailable("redis settling after a reset of its counters", null);
    }
    long[] generations = new long[tables.size()];
    for (int i = 0; i < generations.length; i++) {
      generations[i] = number(values.get(i + 1));
    }
    byte[] entry = entryHash != null && values.size() > versioned
        && values.get(versioned) instanceof byte[] bytes ? bytes : null;
    return new Lookup(new SharedStamp(number(values.get(0)), generations), entry);
  }

  @Override
  public boolean store(String namespace, List<String> tables, SharedStamp stamp, String entryHash, byte[] entry,
      long ttlMillis) {
    StatefulRedisConnection<String, byte[]> redis = connected();
    String[] keys = new String[tables.size() + 3];
    byte[][] args = new byte[tables.size() + 3][];
    keys[0] = epochKey(namespace);
    args[0] = ascii(Long.toString(Math.max(1, ttlMillis)));
    args[1] = entry;
    args[2] = ascii(Long.toString(stamp.epoch()));
    for (int i = 0; i < tables.size(); i++) {
      keys[i + 1] = generationKey(namespace, tables.get(i));
      args[i + 3] = ascii(Long.toString(stamp.generations()[i]));
    }
    keys[tables.size() + 1] = settleKey(namespace);
    keys[tables.size() + 2] = entryKey(namespace, entryHash);
    Long stored = call(() -> redis.sync().eval(STORE, ScriptOutputType.INTEGER, keys, args));
    return stored != null && stored == 1;
  }

  @Override
  public boolean published(String namespace, Set<String> tables, boolean everything) {
    pending.add(namespace, tables, everything);
    try {
      flushPending(connected());
      return true;
    } catch (SharedTierUnavailable e) {
      return false;
    }
  }

  @Override
  public int maxEntryBytes() {
    return maxEntryBytes;
  }

  @Override
  public int pendingTables() {
    return pending.size();
  }

  /** Publishes what earlier writes could not; throws while the store is unreachable. */
  private void flushPending(StatefulRedisConnection<String, byte[]> redis) {
    pending.drain((namespace, tables, everything) -> {
      List<String> counters = everything ? List.of(epochKey(namespace))
          : tables.stream().map(t -> generationKey(namespace, t)).toList();
      String[] keys = new String[counters.size() + 1];
      byte[][] args = new byte[counters.size() + 1][];
      for (int i = 0; i < counters.size(); i++) {
        keys[i] = counters.get(i);
        args[i] = ascii(Long.toString(ThreadLocalRandom.current().nextLong(1L << 62)));
      }
      keys[counters.size()] = settleKey(namespace);
      args[counters.size()] = ascii(Long.toString(settleMillis));
      call(() -> redis.sync().eval(PUBLISH, ScriptOutputType.INTEGER, keys, args));
    });
  }

  private StatefulRedisConnection<String, byte[]> connected() {
    StatefulRedisConnection<String, byte[]> current = connection;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (connection == null) {
        if (System.nanoTime() < nextConnectNanos) {
          throw new SharedTierUnavailable("redis not connected (retrying)", null);
        }
        try {
          connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
          // The first connection is not retried by Lettuce: try again after a pause, not on every read.
          nextConnectNanos = System.nanoTime() + retryAfterFailedConnect.toNanos();
          throw new SharedTierUnavailable("redis unreachable: " + e.getMessage(), e);
        }
      }
      return connection;
    }
  }

  /** One command; whatever Lettuce throws (timeout, rejected while disconnected, a script error) is "unavailable". */
  private static <T> T call(java.util.function.Supplier<T> command) {
    try {
      return command.get();
    } catch (RuntimeException e) {
      throw new SharedTierUnavailable("redis command failed: " + e.getMessage(), e);
    }
  }

  private static long number(Object value) {
    try {
      return Long.parseLong(new String((byte[]) value, StandardCharsets.US_ASCII));
    } catch (RuntimeException e) {
      throw new SharedTierUnavailable("not a generation: " + e, e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String epochKey(String namespace) {
    return "qd:{" + namespace + "}:e";
  }

  private static String generationKey(String namespace, String table) {
    return "qd:{" + namespace + "}:g:" + table;
  }

  private static String settleKey(String namespace) {
    return "qd:{" + namespace + "}:s";
  }

  private static String entryKey(String namespace, String hash) {
    return "qd:{" + namespace + "}:r:" + hash;
  }

  /** Closes the connection and Lettuce's threads. */
  @Override
  public void close() {
    StatefulRedisConnection<String, byte[]> current = connection;
    if (current != null) {
      current.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    resources.shutdown(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Options of the Redis tier. */
  public static final class Builder {
    private final String uri;
    private Duration timeout = Duration.ofMillis(200);
    private Duration reconnectDelay = Duration.ofMillis(500);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private int maxEntryBytes = 256 * 1024;
    private Duration settleAfterReset;

    private Builder(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Longest wait for one command or a connection (default 200 ms); after it the read goes to the database. */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /** Longest wait for a connection (default 2 s); reads go to the database meanwhile only after it. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /** Pause between reconnection attempts after Redis went away (default 500 ms). */
    public Builder reconnectDelay(Duration value) {
      this.reconnectDelay = Objects.requireNonNull(value, "reconnectDelay");
      return this;
    }

    /**
     * How long the tier answers "unavailable" after it had to create a counter (Redis restarted empty, a key
     * evicted, a table's first use), so that every instance can publish the writes it held while Redis was away
     * (default: two reconnect delays and one command timeout, 1.2 s; zero turns it off, for tests that flush
     * Redis and want hits at once).
     */
    public Builder settleAfterReset(Duration value) {
      this.settleAfterReset = Objects.requireNonNull(value, "settleAfterReset");
      return this;
    }

    /** Results whose encoded size is larger stay in the local tier only (default 256 KiB). */
    public Builder maxEntryBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxEntryBytes must be positive: " + bytes);
      }
      this.maxEntryBytes = bytes;
      return this;
    }

    public RedisTier build() {
      return new RedisTier(this);
    }
  }
}
