package dev.tiffin.provider.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The conditional operations Redis has no single command for, one Lua script each: compare the
 * stored bytes, then write, atomically on the server. Run by SHA; sent in full only when a server
 * does not know the script yet (after a restart, or on a new cluster node).
 *
 * <p>Expiry arguments are milliseconds to live: {@code -1} eternal, {@code -2} keep the current
 * expiry, {@code 0} already expired (the entry is deleted). Keeping reads {@code PTTL} inside the
 * script rather than using {@code KEEPTTL}, so the scripts run on servers without it.
 */
enum RedisScripts {

  /** Sets a value with the creation expiry if absent, or the update expiry if present. */
  PUT("""
      local ttl = tonumber(redis.call('EXISTS', KEYS[1]) == 1 and ARGV[3] or ARGV[2])
      if ttl == -2 then ttl = redis.call('PTTL', KEYS[1]) end
      if ttl > 0 then return redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl) end
      return redis.call('SET', KEYS[1], ARGV[1])
      """),

  /** Replaces the value if it still equals ARGV[1]; returns 1 when it did. */
  REPLACE_IF_EQUAL("""
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      local ttl = tonumber(ARGV[3])
      if ttl == 0 then redis.call('DEL', KEYS[1]) return 1 end
      if ttl == -2 then ttl = redis.call('PTTL', KEYS[1]) end
      if ttl > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl) else redis.call('SET', KEYS[1], ARGV[2]) end
      return 1
      """),

  /** Deletes the entry if its value still equals ARGV[1]; returns 1 when it did. */
  REMOVE_IF_EQUAL("""
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      redis.call('DEL', KEYS[1])
      return 1
      """),

  /** Adds ARGV[1] to a counter; an absent one starts at 0 and lives ARGV[2] ms. Returns the new value. */
  INCREMENT_WITH_TTL("""
      if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], '0', 'PX', ARGV[2]) end
      return redis.call('INCRBY', KEYS[1], ARGV[1])
      """),

  /** Sets a new expiry if the value still equals ARGV[1]; returns 1 when it did. */
  TOUCH_IF_EQUAL("""
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      local ttl = tonumber(ARGV[2])
      if ttl == 0 then redis.call('DEL', KEYS[1])
      elseif ttl == -1 then redis.call('PERSIST', KEYS[1])
      else redis.call('PEXPIRE', KEYS[1], ttl) end
      return 1
      """);

  private final byte[] source;
  private final byte[] sha;

  RedisScripts(String source) {
    this.source = source.getBytes(StandardCharsets.UTF_8);
    this.sha = sha1(this.source);
  }

  /** The script's source, for {@code EVAL}. */
  byte[] source() {
    return source.clone();
  }

  /** Runs the script on the node owning {@code key}; returns its reply. */
  Object run(UnifiedJedis client, byte[] key, byte[]... arguments) {
    List<byte[]> keys = List.of(key);
    List<byte[]> args = List.of(arguments);
    try {
      return client.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      return client.eval(source, keys, args);
    }
  }

  /** Runs a script that answers 1 for "done". */
  boolean succeeded(UnifiedJedis client, byte[] key, byte[]... arguments) {
    return Long.valueOf(1).equals(run(client, key, arguments));
  }

  private static byte[] sha1(byte[] source) {
    try {
      String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
      return hex.getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
