package dev.tiffin.provider.store.redis;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns Jedis failures into messages a user can act on, never repeating a credential. */
final class RedisFailures {

  private RedisFailures() {
  }

  static String describe(JedisException e) {
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    // The message, not the class: Jedis's classes are relocated inside Tiffin and their names mean nothing to a user.
    String root = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
    if (e instanceof JedisAccessControlException || containsAuthError(e)) {
      return "authentication failed (" + e.getMessage() + "); check the store's username and password settings";
    }
    if (isTimeout(e) && root.toLowerCase(java.util.Locale.ROOT).contains("connect")) {
      return "could not connect within the timeout (" + root + "); check that the host and port are right and"
          + " that no firewall drops the connection";
    }
    if (isTimeout(e)) {
      return "read timed out: no reply within the timeout (" + root + "): the server accepts connections but does not answer"
          + " (stalled, paused or overloaded); raise the store's timeout setting if it is only slow";
    }
    if (e instanceof JedisConnectionException) {
      return "cannot connect (" + root + "); check that the server runs and the host and port are right";
    }
    return e.getMessage();
  }

  /** Whether the failure is a read that timed out, rather than a refused or broken connection. */
  static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Whether the server refused an {@code INCRBY} because the value is no integer or the sum overflows. */
  static boolean isNotACounter(JedisException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("not an integer") || message.contains("overflow");
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
