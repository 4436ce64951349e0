package dev.tiffin.provider.store.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Asks the server how many subscribers each channel has ({@code PUBSUB NUMSUB}), so that a cache
 * without a near tier keeps its key messages back while nobody listens. A count of none is trusted
 * for {@link #TRUSTED_NANOS} after it was asked for; a subscriber waits longer than that after its
 * subscription is confirmed before its near tier serves anything (see {@link RedisInvalidationBus}),
 * so any write it could miss is covered by the flush it makes then.
 */
final class ListenerCensus {

  /** How often the sender counts, while a member keeps its messages back. */
  static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  /** How long a count of none is trusted: over three counts, so one late or failed count does not open the gate. */
  static final long TRUSTED_NANOS = TimeUnit.MILLISECONDS.toNanos(750);

  private static final System.Logger LOG = System.getLogger(ListenerCensus.class.getName());
  private static final byte[] NUMSUB = "NUMSUB".getBytes(StandardCharsets.US_ASCII);

  private final UnifiedJedis client;
  private final String store;
  private volatile boolean refused;

  ListenerCensus(UnifiedJedis client, String store) {
    this.client = client;
    this.store = store;
  }

  /**
   * The subscribers of each channel, or {@code null} when the server would not say (a failure, or a
   * server that refuses the command: then never asked again, and every message goes out).
   */
  Map<ByteBuffer, Long> count(Collection<ByteBuffer> channels) {
    if (refused || channels.isEmpty()) {
      return null;
    }
    byte[][] arguments = new byte[channels.size() + 1][];
    arguments[0] = NUMSUB;
    int i = 1;
    for (ByteBuffer channel : channels) {
      arguments[i++] = channel.array();
    }
    try {
      List<?> reply = (List<?>) client.sendCommand(Protocol.Command.PUBSUB, arguments);
      Map<ByteBuffer, Long> counts = new HashMap<>();
      for (int at = 0; at + 1 < reply.size(); at += 2) {
        counts.put(ByteBuffer.wrap((byte[]) reply.get(at)), (Long) reply.get(at + 1));
      }
      return counts;
    } catch (JedisDataException e) {
      refused = true;
      LOG.log(System.Logger.Level.INFO, store + " refuses PUBSUB NUMSUB (" + e.getMessage() + "): caches without"
          + " a near tier announce every write, listened to or not");
      return null;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Counting the listeners on " + store + " failed", e);
      return null;
    }
  }
}
