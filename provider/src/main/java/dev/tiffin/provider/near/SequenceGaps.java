package dev.tiffin.provider.near;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest sequence number heard from each sender on one channel, to tell a lost message: a data
 * message must follow the previous one by exactly 1, and a heartbeat must not be ahead of what was
 * heard. A sender first heard from is taken as it is (the receiver flushed when it subscribed).
 */
public final class SequenceGaps {

  private final Map<UUID, Long> heard = new ConcurrentHashMap<>();

  /** Records a message; returns whether one from this sender was lost before it. */
  public boolean lostBefore(InvalidationMessage message) {
    Long last = heard.get(message.sender());
    if (message.kind() == InvalidationMessage.Kind.HEARTBEAT) {
      if (last == null || message.sequence() > last) {
        heard.put(message.sender(), message.sequence());
      }
      return last != null && message.sequence() > last;
    }
    heard.merge(message.sender(), message.sequence(), Math::max);
    return last != null && message.sequence() != last + 1;
  }

  /** Forgets every sender: after a reconnect, everything was flushed and counting starts again. */
  public void reset() {
    heard.clear();
  }
}
