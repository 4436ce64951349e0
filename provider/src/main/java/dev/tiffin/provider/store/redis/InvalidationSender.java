package dev.tiffin.provider.store.redis;

import dev.tiffin.provider.near.InvalidationMessage;
import dev.tiffin.provider.near.PacedOutbox;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.UnifiedJedis;

/**
 * The sending half of {@link RedisInvalidationBus}: one thread publishes every member's messages in
 * order, numbered per member, gathering what writers queued meanwhile; a write never waits for its
 * {@code PUBLISH}. A member repeats its latest number once a second when quiet, and after a message
 * fails to go out its next one is a flush, so no receiver keeps what that message would have dropped.
 * A member that only announces keeps its key messages back while the {@link ListenerCensus} says that
 * nobody listens.
 */
final class InvalidationSender {

  private static final System.Logger LOG = System.getLogger(InvalidationSender.class.getName());
  private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
  /**
   * How long the publisher gathers writes into one message, added to every invalidation's delay:
   * each {@code PUBLISH}, and each wake-up of the subscribers, costs the writers' cores.
   */
  private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  /** Beats without a write (10 ms) after which the publisher sleeps until the next write wakes it. */
  private static final int QUIET_BEATS = 50;
  /** Between tries of an owed flush while closing: a server that refuses at once is not hammered. */
  private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** How long closing waits for the last invalidations to go out before the connections close. */
  private static final long CLOSE_WAIT_MILLIS = 1_000;

  private final UnifiedJedis client;
  private final String store;
  private final ListenerCensus census;
  private final PacedOutbox<Outgoing> outgoing = new PacedOutbox<>(LINGER_NANOS, QUIET_BEATS);
  private final Set<Outlet> outlets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private Thread publishing;
  private long countedAt;

  InvalidationSender(UnifiedJedis client, String store) {
    this.client = client;
    this.store = store;
    this.census = new ListenerCensus(client, store);
  }

  /** A new member's numbered stream on {@code channel}; a {@code gated} one sends keys only while listened to. */
  Outlet open(ByteBuffer channel, boolean gated) {
    Outlet outlet = new Outlet(channel, gated);
    outlets.add(outlet);
    return outlet;
  }

  synchronized void start() {
    if (publishing == null) {
      publishing = new Thread(this::publishLoop, "tiffin-invalidations-out");
      publishing.setDaemon(true);
      publishing.start();
    }
  }

  private void publishLoop() {
    while (!closed) {
      publishRound(outlets.stream().anyMatch(outlet -> outlet.gated) ? ListenerCensus.EVERY_NANOS : HEARTBEAT_NANOS);
    }
    // Woken by close(): what writers queued before it still goes out, and what is owed, or other JVMs
    // would wait for max-age; for as long as close() waits.
    Thread.interrupted();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    publishRound(0);
    while (outlets.stream().anyMatch(outlet -> outlet.owesFlush) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(RETRY_PAUSE_NANOS);
      publishRound(0);
    }
  }

  /**
   * Sends what was queued (waiting up to {@code idleNanos} for it), then what each member owes: a
   * flush after a message that failed, or a heartbeat; a closed member that owes nothing is forgotten.
   * Then counts the listeners of the members that need to know, when it is time.
   */
  private void publishRound(long idleNanos) {
    try {
      send(outgoing.next(idleNanos));
      for (Outlet outlet : outlets) {
        if (outlet.owesFlush) {
          publish(outlet, InvalidationMessage.Kind.FLUSH, List.of());
        } else if (outlet.closed) {
          outlets.remove(outlet);
        } else if (outlet.sequence > 0 && outlet.mayBeHeard() && System.nanoTime() - outlet.lastSent >= HEARTBEAT_NANOS) {
          heartbeat(outlet);
        }
      }
      if (System.nanoTime() - countedAt >= ListenerCensus.EVERY_NANOS) {
        countListeners();
      }
    } catch (RuntimeException | Error e) {
      // The sender must outlive anything: without it other JVMs would hear no more of this one's writes.
      LOG.log(System.Logger.Level.WARNING, "Publishing invalidations to " + store + " failed", e);
      outlets.forEach(outlet -> outlet.owesFlush = true);
    }
  }

  /** One message per member that wrote: all its keys, or a flush; and one with its events, in order. */
  private void send(List<Outgoing> batch) {
    Map<Outlet, List<byte[]>> keys = new LinkedHashMap<>();
    Set<Outlet> flush = new LinkedHashSet<>();
    Map<Outlet, List<byte[]>> events = new LinkedHashMap<>();
    for (Outgoing out : batch) {
      if (out.events) {
        events.computeIfAbsent(out.outlet, o -> new ArrayList<>()).addAll(out.keys);
      } else if (out.keys == null) {
        flush.add(out.outlet);
      } else {
        keys.computeIfAbsent(out.outlet, o -> new ArrayList<>()).addAll(out.keys);
      }
    }
    for (Map.Entry<Outlet, List<byte[]>> entry : keys.entrySet()) {
      Outlet outlet = entry.getKey();
      boolean flushing = flush.contains(outlet) || outlet.owesFlush;
      publish(outlet, flushing ? InvalidationMessage.Kind.FLUSH : InvalidationMessage.Kind.KEYS,
          flushing ? List.of() : entry.getValue());
    }
    for (Outlet outlet : flush) {
      if (!keys.containsKey(outlet)) {
        publish(outlet, InvalidationMessage.Kind.FLUSH, List.of());
      }
    }
    events.forEach((outlet, records) -> publish(outlet, InvalidationMessage.Kind.EVENTS, records));
  }

  /** Tells each gated member how many listen on its channel now; a count that fails leaves the last one to age. */
  private void countListeners() {
    countedAt = System.nanoTime();
    Set<ByteBuffer> channels = new HashSet<>();
    outlets.stream().filter(outlet -> outlet.gated).forEach(outlet -> channels.add(outlet.channel));
    Map<ByteBuffer, Long> counts = census.count(channels);
    if (counts != null) {
      for (Outlet outlet : outlets) {
        if (outlet.gated) {
          outlet.heard = new Count(counts.getOrDefault(outlet.channel, 1L), countedAt);
        }
      }
    }
  }

  /** Repeats a member's latest number, so a receiver notices that its last message was lost. */
  private void heartbeat(Outlet outlet) {
    deliver(outlet, InvalidationMessage.Kind.HEARTBEAT, List.of());
  }

  /**
   * Publishes a member's next message. One that fails spends its number all the same, and the member
   * owes a flush: a receiver that never heard from it before could not tell the gap.
   */
  private void publish(Outlet outlet, InvalidationMessage.Kind kind, List<byte[]> keys) {
    outlet.sequence++;
    if (deliver(outlet, kind, keys)) {
      if (kind == InvalidationMessage.Kind.FLUSH) {
        outlet.owesFlush = false;
      }
    } else {
      outlet.owesFlush = true;
      // A member that closed meanwhile is kept until the flush is out.
      outlets.add(outlet);
    }
  }

  /** Sends one message carrying the member's current number; returns whether it went out. */
  private boolean deliver(Outlet outlet, InvalidationMessage.Kind kind, List<byte[]> keys) {
    try {
      client.publish(outlet.channel.array(), new InvalidationMessage(outlet.id, outlet.sequence, kind, keys).encode());
      outlet.lastSent = System.nanoTime();
      return true;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Publishing a " + kind + " message to " + store + " failed", e);
      return false;
    }
  }

  /** Stops after sending what was queued so far, waiting for that a little before the connections close. */
  synchronized void close() {
    closed = true;
    if (publishing != null) {
      publishing.interrupt();
      try {
        publishing.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How many listened on a channel, when asked. */
  private record Count(long listeners, long askedAt) {
  }

  /** A queued message: keys, or {@code null} for a flush; or, with {@code events}, event records. */
  private record Outgoing(Outlet outlet, List<byte[]> keys, boolean events) {
  }

  /** One member's stream: its id, and its number and state, which only the publishing thread touches. */
  final class Outlet {
    private final ByteBuffer channel;
    private final boolean gated;
    private final UUID id = UUID.randomUUID();
    private long sequence;
    private long lastSent = System.nanoTime();
    private volatile boolean owesFlush;
    private volatile boolean closed;
    private volatile Count heard;

    private Outlet(ByteBuffer channel, boolean gated) {
      this.channel = channel;
      this.gated = gated;
    }

    /** The sender id on this member's messages, by which it knows its own. */
    UUID id() {
      return id;
    }

    /** Queues the keys, unless the member is gated and a recent count says that nobody listens. */
    void keys(List<byte[]> keys) {
      if (mayBeHeard()) {
        outgoing.add(new Outgoing(this, List.copyOf(keys), false));
      }
    }

    /** False only for a gated member whose channel had no listener at a count still trusted. */
    private boolean mayBeHeard() {
      Count count = heard;
      return !gated || count == null || count.listeners() > 0
          || System.nanoTime() - count.askedAt() > ListenerCensus.TRUSTED_NANOS;
    }

    void events(List<byte[]> records) {
      outgoing.add(new Outgoing(this, List.copyOf(records), true));
    }

    void flush() {
      outgoing.add(new Outgoing(this, null, false));
    }

    /** Stops the heartbeats: what the member queued before still goes out, and a flush it owes. */
    void close() {
      closed = true;
    }
  }
}
