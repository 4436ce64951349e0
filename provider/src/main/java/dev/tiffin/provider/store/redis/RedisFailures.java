package dev.tiffin.provider.store.redis;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns Jedis failures into messages a user can act on, never repeating a credential. */
final class RedisFailures {

  private RedisFailures() {
  }

  static String describe(JedisException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (e instanceof JedisAccessControlException || containsAuthError(e)) {
      return "authentication failed (" + e.getMessage() + "); check the store's username and password settings";
    }
    if (e instanceof JedisConnectionException) {
      return "cannot connect (" + root + "); check that the server runs and the host and port are right";
    }
    return e.getMessage();
  }

  private static boolean containsAuthError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && (message.contains("WRONGPASS") || message.contains("NOAUTH"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
