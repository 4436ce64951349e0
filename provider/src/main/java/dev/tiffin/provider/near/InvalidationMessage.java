package dev.tiffin.provider.near;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One message on a network invalidation bus: who sent it, its place in the sender's sequence, and
 * what changed — some keys, everything (a flush), nothing (a heartbeat repeating the sender's
 * latest sequence number, so a receiver notices a lost last message), or entry events for listeners
 * in other JVMs.
 *
 * <pre>
 *   sender(16)  sequence(8)  count(4)  [length(4) key]*      count -1: flush, -2: heartbeat
 *   sender(16)  sequence(8)  -3(4)  count(4)  [length(4) event]*
 * </pre>
 */
public record InvalidationMessage(UUID sender, long sequence, Kind kind, List<byte[]> keys) {

  /** What a message says. */
  public enum Kind { KEYS, FLUSH, HEARTBEAT, EVENTS }

  private static final int FLUSH = -1;
  private static final int HEARTBEAT = -2;
  private static final int EVENTS = -3;
  private static final int HEAD = 16 + 8 + 4;

  /** The message as bytes. */
  public byte[] encode() {
    int length = kind == Kind.EVENTS ? HEAD + 4 : HEAD;
    for (byte[] key : keys) {
      length += 4 + key.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length).putLong(sender.getMostSignificantBits())
        .putLong(sender.getLeastSignificantBits()).putLong(sequence)
        .putInt(switch (kind) {
          case FLUSH -> FLUSH;
          case HEARTBEAT -> HEARTBEAT;
          case EVENTS -> EVENTS;
          case KEYS -> keys.size();
        });
    if (kind == Kind.EVENTS) {
      out.putInt(keys.size());
    }
    for (byte[] key : keys) {
      out.putInt(key.length).put(key);
    }
    return out.array();
  }

  /** The message in {@code bytes}, or {@code null} when they are not one (a foreign publisher). */
  public static InvalidationMessage decode(byte[] bytes) {
    if (bytes.length < HEAD) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    UUID sender = new UUID(in.getLong(), in.getLong());
    long sequence = in.getLong();
    int count = in.getInt();
    if (count == FLUSH || count == HEARTBEAT) {
      return new InvalidationMessage(sender, sequence, count == FLUSH ? Kind.FLUSH : Kind.HEARTBEAT, List.of());
    }
    Kind kind = Kind.KEYS;
    if (count == EVENTS && in.remaining() >= 4) {
      kind = Kind.EVENTS;
      count = in.getInt();
    }
    if (count < 0) {
      return null;
    }
    List<byte[]> keys = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 4) {
        return null;
      }
      int length = in.getInt();
      if (length < 0 || length > in.remaining()) {
        return null;
      }
      byte[] key = new byte[length];
      in.get(key);
      keys.add(key);
    }
    return new InvalidationMessage(sender, sequence, kind, keys);
  }
}
