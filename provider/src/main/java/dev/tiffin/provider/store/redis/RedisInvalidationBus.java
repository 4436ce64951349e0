package dev.tiffin.provider.store.redis;

import dev.tiffin.provider.near.InvalidationMessage;
import dev.tiffin.provider.near.SequenceGaps;
import dev.tiffin.spi.InvalidationBus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Invalidations over Redis pub/sub, which may lose a message (a slow or reconnecting subscriber): so
 * every member numbers its messages and repeats its latest number once a second when idle; a
 * receiver that sees a number skipped flushes. A member is offline — its near tier serves nothing —
 * until its channel's subscription is confirmed and has settled, and from the moment the subscriber
 * connection drops until it is back (then it flushes, having maybe missed anything). Settling takes
 * {@link #SETTLE_NANOS} where the server counts listeners: longer than a cache without a near tier
 * trusts a count of none, so every write such a cache did not announce is older than the flush that
 * ends it.
 *
 * <p>One thread subscribes (holding one connection of the store's pool); an {@link InvalidationSender}
 * publishes.
 */
final class RedisInvalidationBus implements InvalidationBus, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RedisInvalidationBus.class.getName());
  private static final long RECONNECT_MILLIS = 100;
  private static final long REFUSED_RETRY_MILLIS = 30_000;
  static final long SETTLE_NANOS = ListenerCensus.TRUSTED_NANOS + TimeUnit.MILLISECONDS.toNanos(250);

  private final UnifiedJedis client;
  private final String store;
  private final boolean countsListeners;
  private final Map<ByteBuffer, List<Member>> channels = new ConcurrentHashMap<>();
  private final InvalidationSender sender;
  private volatile Subscriber subscriber;
  private volatile boolean closed;
  private boolean refusalLogged;
  private Thread subscribing;

  /**
   * A bus over {@code client}; {@code countsListeners} where the server knows every subscriber of a
   * channel (not a cluster, whose nodes each count only their own).
   */
  RedisInvalidationBus(UnifiedJedis client, String store, boolean countsListeners) {
    this.client = client;
    this.store = store;
    this.countsListeners = countsListeners;
    this.sender = new InvalidationSender(client, store);
  }

  /** A member that only tells, and subscribes to nothing. */
  @Override
  public Membership announce(String channel) {
    Announcer announcer = new Announcer(sender.open(ByteBuffer.wrap(channel.getBytes(StandardCharsets.UTF_8)),
        countsListeners));
    sender.start();
    return announcer;
  }

  @Override
  public synchronized Membership join(String channel, Listener listener) {
    ByteBuffer name = ByteBuffer.wrap(channel.getBytes(StandardCharsets.UTF_8));
    Member member = new Member(name, listener);
    boolean newChannel = !channels.containsKey(name);
    channels.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(member);
    Subscriber current = subscriber;
    if (subscribing == null) {
      start();
    } else if (newChannel && current != null && current.isSubscribed()) {
      try {
        current.request(name);
      } catch (RuntimeException e) {
        // The connection just died: the next subscription asks for every channel joined so far.
        LOG.log(System.Logger.Level.DEBUG, "Could not subscribe to a channel on " + store + " yet", e);
      }
    } else if (!newChannel && current != null && current.settled(name)) {
      member.online = true;
      // Set after the subscriber was read: if it changed since, its end or its confirmation may have
      // come before this write, so the member follows whichever subscriber is there now.
      for (Subscriber seen = current; subscriber != seen; ) {
        seen = subscriber;
        member.online = seen != null && seen.settled(name);
      }
    }
    return member;
  }

  private void start() {
    subscribing = new Thread(this::subscribeLoop, "tiffin-invalidations-in");
    subscribing.setDaemon(true);
    subscribing.start();
    sender.start();
  }

  private void subscribeLoop() {
    while (!closed) {
      Subscriber current = new Subscriber(channels.keySet());
      subscriber = current;
      try {
        client.subscribe(current, current.requested.stream().map(ByteBuffer::array).toArray(byte[][]::new));
      } catch (JedisDataException refused) {
        // The server (or an ACL) refuses pub/sub: near tiers stay offline, and we ask again only now and then.
        if (!refusalLogged) {
          refusalLogged = true;
          LOG.log(System.Logger.Level.WARNING, store + " refuses SUBSCRIBE (" + refused.getMessage() + "): near tiers"
              + " on it serve nothing and every read goes to the store");
        }
        goOffline();
        pause(REFUSED_RETRY_MILLIS);
        continue;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.DEBUG, "Invalidation subscriber of " + store + " lost its connection", e);
        }
      } finally {
        // Forgotten first: a member joining from now on waits for the next subscription's confirmation.
        subscriber = null;
        goOffline();
      }
      pause(RECONNECT_MILLIS);
    }
  }

  /**
   * Nothing is promised while unsubscribed: every member serves nothing. What they hold stays, never
   * served as a hit (the resubscription flushes it first), for a store failure to fall back on.
   */
  private void goOffline() {
    for (List<Member> members : channels.values()) {
      for (Member member : members) {
        member.online = false;
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (subscriber != null && subscriber.isSubscribed()) {
      try {
        subscriber.unsubscribe();
      } catch (RuntimeException e) {
        // The connection is going anyway.
      }
    }
    sender.close();
  }

  /** What a member sends, through its numbered stream. */
  private static class Announcer implements Membership {
    final InvalidationSender.Outlet outlet;

    Announcer(InvalidationSender.Outlet outlet) {
      this.outlet = outlet;
    }

    @Override
    public void publish(List<byte[]> keys) {
      outlet.keys(keys);
    }

    @Override
    public void publishEvents(List<byte[]> records) {
      outlet.events(records);
    }

    @Override
    public void publishFlush() {
      outlet.flush();
    }

    @Override
    public boolean isOnline() {
      return false;
    }

    @Override
    public void close() {
      outlet.close();
    }
  }

  /** One member of a channel, which listens too: its listener and its state. */
  private final class Member extends Announcer {
    final ByteBuffer channel;
    final Listener listener;
    final SequenceGaps gaps = new SequenceGaps();
    volatile boolean online;

    Member(ByteBuffer channel, Listener listener) {
      super(sender.open(channel, false));
      this.channel = channel;
      this.listener = listener;
    }

    @Override
    public boolean isOnline() {
      return online;
    }

    @Override
    public void close() {
      List<Member> members = channels.get(channel);
      if (members != null) {
        members.remove(this);
      }
      super.close();
      online = false;
    }

    /** Hears one message on its channel. */
    void hear(InvalidationMessage message) {
      if (message.sender().equals(outlet.id())) {
        return;
      }
      boolean lost = gaps.lostBefore(message);
      if (lost || message.kind() == InvalidationMessage.Kind.FLUSH) {
        listener.invalidateAll();
      } else if (message.kind() == InvalidationMessage.Kind.KEYS) {
        listener.invalidate(message.keys());
      }
      // A flush covers lost keys; lost events stay lost, but the ones that did arrive are still news.
      if (message.kind() == InvalidationMessage.Kind.EVENTS) {
        listener.events(message.keys());
      }
    }
  }

  /** The subscription: confirms channels, hands messages to their members. */
  private final class Subscriber extends BinaryJedisPubSub {

    private final Set<ByteBuffer> settled = ConcurrentHashMap.newKeySet();
    private final Set<ByteBuffer> requested = ConcurrentHashMap.newKeySet();

    Subscriber(Set<ByteBuffer> channels) {
      requested.addAll(channels);
    }

    /** Subscribes to a channel joined after the subscription started, once. */
    void request(ByteBuffer channel) {
      if (requested.add(channel)) {
        subscribe(channel.array());
      }
    }

    boolean settled(ByteBuffer channel) {
      return settled.contains(channel);
    }

    @Override
    public void onSubscribe(byte[] channel, int subscribedChannels) {
      ByteBuffer name = ByteBuffer.wrap(channel);
      for (Member member : channels.getOrDefault(name, List.of())) {
        member.gaps.reset();
      }
      CompletableFuture.delayedExecutor(countsListeners ? SETTLE_NANOS : 0, TimeUnit.NANOSECONDS)
          .execute(() -> settle(name));
      // A channel joined while this subscription was being set up is asked for now.
      for (ByteBuffer wanted : channels.keySet()) {
        request(wanted);
      }
    }

    /**
     * Puts the channel's members online, each flushed first: anything may have changed while it was
     * not listening, and a read begun before keeps nothing. Undone at once if the subscription ended.
     */
    private void settle(ByteBuffer name) {
      if (subscriber != this) {
        return;
      }
      settled.add(name);
      List<Member> members = channels.getOrDefault(name, List.of());
      for (Member member : members) {
        member.listener.invalidateAll();
        member.online = true;
      }
      // Read after the writes: a subscription that ended meanwhile has set them offline already, or will.
      if (subscriber != this) {
        members.forEach(member -> member.online = false);
      }
    }

    @Override
    public void onMessage(byte[] channel, byte[] message) {
      InvalidationMessage decoded = InvalidationMessage.decode(message);
      List<Member> members = channels.get(ByteBuffer.wrap(channel));
      if (members == null) {
        return;
      }
      for (Member member : members) {
        if (decoded == null) {
          member.listener.invalidateAll();
        } else {
          member.hear(decoded);
        }
      }
    }
  }
}
