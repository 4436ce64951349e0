package dev.tiffin.provider.store.redis;

import dev.tiffin.config.StoreSettings;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.NotACounterException;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.cache.CacheException;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link ByteStore} on Redis (standalone, Sentinel or Cluster): one command per single-key
 * operation where Redis has one ({@code SET NX PX}, {@code SET KEEPTTL}, {@code GETEX},
 * {@code GETDEL}), one Lua script where it has not, pipelines for bulk operations.
 *
 * <p>The entry's expiry is the key's own TTL, so Redis frees expired entries by itself and never
 * returns one: a read sees only live entries, reported as eternal.
 */
public final class RedisStore implements ByteStore {


  private final UnifiedJedis client;
  private final Runnable dropIdleConnections;
  private final RedisAddress address;
  private final String name;
  private final LongSupplier clock;
  private final RedisKeyspace keyspace;
  private final RedisDialect dialect;
  private RedisInvalidationBus bus;

  /**
   * Connects to the store's URI and probes what the server offers (under the key prefix of
   * {@code app}); fails at once, naming host and port, when it does not answer or lacks what
   * atomic operations need.
   */
  public RedisStore(StoreSettings settings, String app, LongSupplier clock) {
    this(settings, app, clock, null);
  }

  /** As above, with the server's capabilities given instead of probed (null: probe). */
  RedisStore(StoreSettings settings, String app, LongSupplier clock, RedisDialect knownDialect) {
    this.name = settings.name();
    this.address = RedisAddress.parse(settings.uri(), "tiffin.store." + settings.name() + ".uri");
    this.clock = clock;
    RedisConnector.Connected connected = RedisConnector.connect(settings, address);
    this.client = connected.client();
    this.dropIdleConnections = connected.dropIdleConnections();
    try {
      this.dialect = knownDialect != null ? knownDialect
          : RedisDialect.probe(client, address.product(), address.describeNodes(), app);
    } catch (JedisException e) {
      client.close();
      throw RedisConnector.unreachable(settings, address, e);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    this.keyspace = new RedisKeyspace(client);
  }

  /** What the server offered when the store connected. */
  public RedisDialect dialect() {
    return dialect;
  }

  @Override
  public StoredEntry get(byte[] key) {
    return live(idempotent(() -> client.get(key)));
  }

  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    if (!dialect.getex() || !dialect.getdel()) {
      // Without GETEX/GETDEL: read, then a compare-and-touch script (two round trips).
      return ByteStore.super.getAndTouch(key, expiresAt, now);
    }
    long ttl = RedisTtl.until(expiresAt, now);
    byte[] value = once(() -> ttl == RedisTtl.ETERNAL ? client.getEx(key, new GetExParams().persist())
        : ttl == 0 ? client.getDel(key)
        : client.getEx(key, new GetExParams().px(ttl)));
    return value == null ? null : new StoredEntry(value, expiresAt);
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    return idempotent(() -> {
      List<Response<byte[]>> replies = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = client.pipelined()) {
        for (byte[] key : keys) {
          replies.add(pipeline.get(key));
        }
        pipeline.sync();
      }
      List<StoredEntry> entries = new ArrayList<>(keys.size());
      replies.forEach(reply -> entries.add(live(reply.get())));
      return entries;
    });
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    RedisTtl.ForPut ttl = RedisTtl.ForPut.of(expiresAtIfCreated, expiresAtIfUpdated, clock.getAsLong());
    // A blind write may be sent again: applied twice, it leaves what one application leaves.
    idempotent(() -> {
      SetParams plain = ttl.asSetParams(dialect.keepTtl());
      return plain != null ? client.set(key, value, plain)
          : RedisScripts.PUT.run(client, key, value, number(ttl.created()), number(ttl.updated()));
    });
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    RedisTtl.ForPut ttl = RedisTtl.ForPut.of(expiresAtIfCreated, expiresAtIfUpdated, clock.getAsLong());
    SetParams plain = ttl.asSetParams(dialect.keepTtl());
    idempotent(() -> {
      try (AbstractPipeline pipeline = client.pipelined()) {
        for (int i = 0; i < keys.size(); i++) {
          if (plain != null) {
            pipeline.set(keys.get(i), values.get(i), plain);
          } else {
            // EVAL rather than EVALSHA: a pipeline cannot fall back per command on NOSCRIPT.
            pipeline.eval(RedisScripts.PUT.source(), List.of(keys.get(i)),
                List.of(values.get(i), number(ttl.created()), number(ttl.updated())));
          }
        }
        pipeline.sync();
      }
      return null;
    });
  }

  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    long now = clock.getAsLong();
    long ttl = expiresAt == KEEP_EXPIRY ? RedisTtl.KEEP : RedisTtl.until(expiresAt, now);
    return once(() -> {
      if (expected == null) {
        if (value == null || ttl == 0) {
          return true;
        }
        SetParams insert = new SetParams().nx();
        return client.set(key, value, ttl == RedisTtl.ETERNAL ? insert : insert.px(ttl)) != null;
      }
      if (value == null) {
        return RedisScripts.REMOVE_IF_EQUAL.succeeded(client, key, expected);
      }
      return RedisScripts.REPLACE_IF_EQUAL.succeeded(client, key, expected, value, number(ttl));
    });
  }

  @Override
  public long increment(byte[] key, long delta, long expiresAtIfCreated) {
    long ttl = RedisTtl.atLeastOneMilli(RedisTtl.until(expiresAtIfCreated, clock.getAsLong()));
    // Not idempotent: a resend after a lost reply would add twice.
    return once(() -> {
      try {
        return ttl == RedisTtl.ETERNAL ? client.incrBy(key, delta)
            : (Long) RedisScripts.INCREMENT_WITH_TTL.run(client, key, number(delta), number(ttl));
      } catch (JedisDataException e) {
        if (RedisFailures.isNotACounter(e)) {
          throw new NotACounterException("the value is not a decimal integer, or adding " + delta
              + " would overflow");
        }
        throw e;
      }
    });
  }

  @Override
  public boolean touch(byte[] key, byte[] expected, long expiresAt) {
    long ttl = RedisTtl.until(expiresAt, clock.getAsLong());
    return once(() -> RedisScripts.TOUCH_IF_EQUAL.succeeded(client, key, expected, number(ttl)));
  }

  @Override
  public long removeAll(List<byte[]> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    return once(() -> {
      List<Response<Long>> removed = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = client.pipelined()) {
        keys.forEach(key -> removed.add(pipeline.unlink(key)));
        pipeline.sync();
      }
      return removed.stream().mapToLong(Response::get).sum();
    });
  }

  @Override
  public ScanPage scan(byte[] prefix, byte[] cursor, int limit) {
    RedisKeyspace.Page page = idempotent(() -> keyspace.scan(prefix, cursor, limit));
    List<StoredEntry> found = page.keys().isEmpty() ? List.of() : getAll(page.keys());
    List<KeyedEntry> entries = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      if (found.get(i) != null) {
        entries.add(new KeyedEntry(page.keys().get(i), found.get(i)));
      }
    }
    return new ScanPage(entries, page.cursor());
  }

  @Override
  public long clear(byte[] prefix) {
    long removed = 0;
    byte[] cursor = null;
    do {
      byte[] position = cursor;
      RedisKeyspace.Page page = idempotent(() -> keyspace.scan(prefix, position, 500));
      removed += removeAll(page.keys());
      cursor = page.cursor();
    } while (cursor != null);
    return removed;
  }

  @Override
  public void ping() {
    idempotent(client::ping);
  }

  @Override
  public Map<String, String> serverInfo() {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("product", dialect.product());
    info.put("mode", address.kind().name().toLowerCase(Locale.ROOT));
    info.put("nodes", address.describeNodes());
    try {
      String server = idempotent(() -> client.info("server"));
      for (String line : server.split("\\r?\\n")) {
        if (line.startsWith("redis_version:")) {
          info.put("version", line.substring("redis_version:".length()).trim());
        }
      }
    } catch (CacheException e) {
      // INFO may be refused (an ACL, a Redis-like server): the rest still describes the store.
      info.put("version", "unknown (" + e.getMessage() + ")");
    }
    info.put("capabilities", dialect.describe());
    return info;
  }

  @Override
  public String describe() {
    return address.product() + " store '" + name + "' (" + address.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
        + address.describeNodes() + ")";
  }

  /**
   * Redis pub/sub, numbered so that a lost message is noticed; its publisher starts with the first
   * cache, its subscriber when a near tier first joins.
   */
  @Override
  public synchronized InvalidationBus invalidationBus() {
    if (bus == null) {
      // A Cluster's nodes count only their own subscribers, and how TongRDS counts behind its emulation
      // port is not known: there every write is announced.
      bus = new RedisInvalidationBus(client, describe(), address.kind() != RedisAddress.Kind.CLUSTER && !address.tongrds());
    }
    return bus;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (bus != null) {
        bus.close();
      }
    }
    client.close();
  }

  private static StoredEntry live(byte[] value) {
    return value == null ? null : new StoredEntry(value, StoredEntry.ETERNAL);
  }

  private static byte[] number(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Runs an idempotent call, once more if a pooled connection turned out to be dead; never after a
   * timeout, which would double the time the caller waits.
   */
  private <T> T idempotent(Supplier<T> call) {
    try {
      return call.get();
    } catch (JedisConnectionException e) {
      if (RedisFailures.isTimeout(e)) {
        throw failure(e);
      }
      dropIdleConnections();
      return once(call);
    } catch (JedisException e) {
      throw failure(e);
    }
  }

  /** Runs a call that must not be repeated blindly; a dead connection fails this call only. */
  private <T> T once(Supplier<T> call) {
    try {
      return call.get();
    } catch (JedisConnectionException e) {
      dropIdleConnections();
      throw failure(e);
    } catch (JedisException e) {
      throw failure(e);
    }
  }

  /** After a server restart every idle pooled connection is dead: drop them all at once. */
  private void dropIdleConnections() {
    dropIdleConnections.run();
  }

  private CacheException failure(JedisException e) {
    return new CacheException(describe() + " failed: " + RedisFailures.describe(e), e);
  }
}
