package dev.tiffin.provider.store.redis;

import dev.tiffin.provider.near.InvalidationMessage;
import dev.tiffin.provider.near.PacedOutbox;
import dev.tiffin.provider.near.SequenceGaps;
import dev.tiffin.spi.InvalidationBus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * until its channel's subscription is confirmed, and from the moment the subscriber connection drops
 * until it is back (then it flushes, having maybe missed anything).
 *
 * <p>One thread subscribes (holding one connection of the store's pool) and one publishes, in order,
 * batching what writers queued meanwhile; a write never waits for its {@code PUBLISH}.
 */
final class RedisInvalidationBus implements InvalidationBus, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RedisInvalidationBus.class.getName());
  private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long RECONNECT_MILLIS = 100;
  /**
   * How long the publisher gathers writes into one message, added to every invalidation's delay:
   * each {@code PUBLISH}, and each wake-up of the subscribers, costs the writers' cores.
   */
  private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  /** Beats without a write (10 ms) after which the publisher sleeps until the next write wakes it. */
  private static final int QUIET_BEATS = 50;
  private static final long REFUSED_RETRY_MILLIS = 30_000;

  private final UnifiedJedis client;
  private final String store;
  private final Map<ByteBuffer, List<Member>> channels = new ConcurrentHashMap<>();
  private final PacedOutbox<Outgoing> outgoing = new PacedOutbox<>(LINGER_NANOS, QUIET_BEATS);
  private volatile Subscriber subscriber;
  private volatile boolean closed;
  private boolean refusalLogged;
  private Thread subscribing;
  private Thread publishing;

  RedisInvalidationBus(UnifiedJedis client, String store) {
    this.client = client;
    this.store = store;
  }

  @Override
  public synchronized Membership join(String channel, Listener listener) {
    ByteBuffer name = ByteBuffer.wrap(channel.getBytes(StandardCharsets.UTF_8));
    Member member = new Member(name, listener);
    boolean newChannel = !channels.containsKey(name);
    channels.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(member);
    if (subscribing == null) {
      start();
    } else if (newChannel && subscriber != null && subscriber.isSubscribed()) {
      subscriber.request(name);
    } else if (!newChannel && subscriber != null && subscriber.confirmed(name)) {
      member.online = true;
    }
    return member;
  }

  private void start() {
    subscribing = daemon("tiffin-invalidations-in", this::subscribeLoop);
    publishing = daemon("tiffin-invalidations-out", this::publishLoop);
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
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

  private void publishLoop() {
    long lastSent = System.nanoTime();
    while (!closed) {
      try {
        List<Outgoing> batch = outgoing.next(HEARTBEAT_NANOS);
        if (!batch.isEmpty()) {
          send(batch);
          lastSent = System.nanoTime();
        } else if (System.nanoTime() - lastSent >= HEARTBEAT_NANOS) {
          heartbeat();
          lastSent = System.nanoTime();
        }
      } catch (RuntimeException e) {
        // The numbers went out of step with what was sent: receivers will see the gap and flush.
        LOG.log(System.Logger.Level.DEBUG, "Publishing invalidations to " + store + " failed", e);
      }
    }
  }

  /** One message per member that wrote: all its keys, or a flush; and one with its events, in order. */
  private void send(List<Outgoing> batch) {
    Map<Member, List<byte[]>> keys = new LinkedHashMap<>();
    Map<Member, Boolean> flush = new LinkedHashMap<>();
    Map<Member, List<byte[]>> events = new LinkedHashMap<>();
    for (Outgoing out : batch) {
      if (out.events) {
        events.computeIfAbsent(out.member, m -> new ArrayList<>()).addAll(out.keys);
      } else if (out.keys == null) {
        flush.put(out.member, true);
      } else {
        keys.computeIfAbsent(out.member, m -> new ArrayList<>()).addAll(out.keys);
      }
    }
    for (Map.Entry<Member, List<byte[]>> entry : keys.entrySet()) {
      Member member = entry.getKey();
      InvalidationMessage.Kind kind = flush.containsKey(member) ? InvalidationMessage.Kind.FLUSH
          : InvalidationMessage.Kind.KEYS;
      publish(member, kind, kind == InvalidationMessage.Kind.FLUSH ? List.of() : entry.getValue());
    }
    for (Member member : flush.keySet()) {
      if (!keys.containsKey(member)) {
        publish(member, InvalidationMessage.Kind.FLUSH, List.of());
      }
    }
    events.forEach((member, records) -> publish(member, InvalidationMessage.Kind.EVENTS, records));
  }

  private void heartbeat() {
    for (List<Member> members : channels.values()) {
      for (Member member : members) {
        if (member.sequence > 0) {
          client.publish(member.channel.array(),
              new InvalidationMessage(member.id, member.sequence, InvalidationMessage.Kind.HEARTBEAT, List.of()).encode());
        }
      }
    }
  }

  private void publish(Member member, InvalidationMessage.Kind kind, List<byte[]> keys) {
    member.sequence++;
    client.publish(member.channel.array(), new InvalidationMessage(member.id, member.sequence, kind, keys).encode());
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
    if (publishing != null) {
      publishing.interrupt();
    }
  }

  /** A queued message: keys, or {@code null} for a flush; or, with {@code events}, event records. */
  private record Outgoing(Member member, List<byte[]> keys, boolean events) {
  }

  /** One member of a channel: its id and sequence (used by the publishing thread only), and its state. */
  private final class Member implements Membership {
    final ByteBuffer channel;
    final Listener listener;
    final UUID id = UUID.randomUUID();
    final SequenceGaps gaps = new SequenceGaps();
    long sequence;
    volatile boolean online;

    Member(ByteBuffer channel, Listener listener) {
      this.channel = channel;
      this.listener = listener;
    }

    @Override
    public void publish(List<byte[]> keys) {
      outgoing.add(new Outgoing(this, List.copyOf(keys), false));
    }

    @Override
    public void publishEvents(List<byte[]> records) {
      outgoing.add(new Outgoing(this, List.copyOf(records), true));
    }

    @Override
    public void publishFlush() {
      outgoing.add(new Outgoing(this, null, false));
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
      online = false;
    }

    /** Hears one message on its channel. */
    void hear(InvalidationMessage message) {
      if (message.sender().equals(id)) {
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

    private final Map<ByteBuffer, Boolean> confirmed = new ConcurrentHashMap<>();
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

    boolean confirmed(ByteBuffer channel) {
      return confirmed.containsKey(channel);
    }

    @Override
    public void onSubscribe(byte[] channel, int subscribedChannels) {
      ByteBuffer name = ByteBuffer.wrap(channel);
      confirmed.put(name, true);
      for (Member member : channels.getOrDefault(name, List.of())) {
        // Anything may have changed while it was not listening.
        member.gaps.reset();
        member.listener.invalidateAll();
        member.online = true;
      }
      // A channel joined while this subscription was being set up is asked for now.
      for (ByteBuffer wanted : channels.keySet()) {
        request(wanted);
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
