package dev.tiffin.provider.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.cache.CacheException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

/**
 * What a Redis-protocol server offers Tiffin, found by a probe at connect time: Lua scripting,
 * {@code GETEX}, {@code GETDEL}, {@code SET … KEEPTTL}, {@code SET … GET} and pub/sub. The probe
 * reads a key that does not exist and writes one short-lived key, both under the application's
 * prefix.
 *
 * <p>Tiffin uses the best primitive available and refuses to start without Lua, because
 * compare-and-set would otherwise not be atomic; it never falls back to {@code WATCH}, which
 * TongRDS accepts and ignores.
 *
 * @param product the server kind named by the URI scheme, for messages
 * @param lua whether {@code EVAL}/{@code EVALSHA} run
 * @param getex whether {@code GETEX} exists (Redis 6.2+)
 * @param getdel whether {@code GETDEL} exists (Redis 6.2+)
 * @param keepTtl whether {@code SET} takes {@code KEEPTTL} (Redis 6.0+)
 * @param setGet whether {@code SET} takes {@code GET} (Redis 6.2+)
 * @param pubsub whether {@code PUBLISH} is allowed
 */
public record RedisDialect(String product, boolean lua, boolean getex, boolean getdel, boolean keepTtl,
    boolean setGet, boolean pubsub) {

  /**
   * Probes the server behind {@code client} with a key and channel under the application's prefix
   * (so a prefix-limited ACL allows it); throws when a required capability is missing.
   */
  static RedisDialect probe(UnifiedJedis client, String product, String where, String app) {
    byte[] probeKey = (app + ":tiffin-probe:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    byte[] scratch = (app + ":tiffin-probe:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    boolean keepTtl;
    boolean setGet;
    try {
      keepTtl = supported(() -> client.set(scratch, new byte[0], new SetParams().keepTtl()));
      setGet = supported(() -> client.setGet(scratch, new byte[0], new SetParams().px(10_000)));
    } finally {
      deleteQuietly(client, scratch);
    }
    RedisDialect dialect = new RedisDialect(product,
        supported(() -> client.eval("return 1".getBytes(StandardCharsets.US_ASCII))),
        supported(() -> client.getEx(probeKey, new GetExParams().persist())),
        supported(() -> client.getDel(probeKey)),
        keepTtl,
        setGet,
        supported(() -> client.publish(probeKey, new byte[0])));
    if (!dialect.lua()) {
      throw new CacheException(product + " at " + where + " refuses Lua scripting (EVAL/EVALSHA): Tiffin needs it "
          + "for atomic compare-and-set and will not run non-atomically. Enable scripting on the server. "
          + dialect.describe());
    }
    return dialect;
  }

  /**
   * Whether a command exists for us: any reply counts, and so does a refusal that is about the
   * probe key (an ACL limited to the application's keys); "unknown command" and a refusal of the
   * command itself do not.
   */
  private static boolean supported(Runnable command) {
    try {
      command.run();
      return true;
    } catch (JedisDataException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      boolean missing = message.contains("unknown command") || message.contains("not supported")
          || message.contains("syntax error")
          || (message.startsWith("noperm") && message.contains("to run"));
      return !missing;
    }
  }

  /** Removes the probe's scratch key; a refusal (an ACL without that key) leaves nothing to remove. */
  private static void deleteQuietly(UnifiedJedis client, byte[] key) {
    try {
      client.del(key);
    } catch (JedisDataException e) {
      // The SET was refused too, so there is no scratch key.
    }
  }

  /** The capabilities as one line, e.g. {@code Lua yes, GETEX no, GETDEL no, pub/sub yes}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add("Lua " + yesNo(lua));
    parts.add("GETEX " + yesNo(getex) + (getex ? "" : " (a read, then a script sets the access expiry: two round trips)"));
    parts.add("GETDEL " + yesNo(getdel) + (getdel ? "" : " (likewise for a zero access expiry)"));
    parts.add("SET KEEPTTL " + yesNo(keepTtl) + (keepTtl ? "" : " (a script keeps the TTL instead)"));
    parts.add("SET GET " + yesNo(setGet) + (setGet ? "" : " (not used)"));
    parts.add("pub/sub " + yesNo(pubsub) + (pubsub ? "" : " (not used yet)"));
    return "Capabilities found: " + String.join(", ", parts) + ".";
  }

  private static String yesNo(boolean supported) {
    return supported ? "yes" : "no";
  }
}
