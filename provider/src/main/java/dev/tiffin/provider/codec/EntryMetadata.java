package dev.tiffin.provider.codec;

import dev.tiffin.spi.StoredEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code getOrSet} writes in front of a value: when it stops being fresh, when it was created
 * (for tag invalidation), until when a failed refresh backs off, and its tags.
 *
 * <pre>
 *   0xFD  version  freshUntil(8)  createdAt(8)  backoffUntil(8)  tagCount(2)  [length(2) tag]*  value
 * </pre>
 *
 * <p>{@code 0xFD}, like the envelope's {@code 0xFE}, never starts UTF-8 text, and no other value Tiffin
 * writes starts with it. The store keeps the entry for its whole retention (ttl + grace); the header's
 * {@code freshUntil} is the logical expiry every read goes by. The header is not signed: changing it
 * changes only freshness, and the value after it keeps its own signature.
 *
 * @param freshUntil when the value stops being fresh, wall-clock ms ({@link StoredEntry#ETERNAL} for never)
 * @param createdAt when the value was written, wall-clock ms
 * @param backoffUntil before this time a failed refresh is not tried again (0 for none)
 */
public record EntryMetadata(long freshUntil, long createdAt, long backoffUntil, List<String> tags) {

  /** The first byte of a value with a header. */
  static final byte MARKER = (byte) 0xFD;
  private static final byte VERSION = 1;
  private static final int FIXED_LENGTH = 2 + 8 + 8 + 8 + 2;

  /** Copies the tags. */
  public EntryMetadata {
    tags = List.copyOf(tags);
  }

  /** This header with a new back-off time. */
  public EntryMetadata backingOffUntil(long time) {
    return new EntryMetadata(freshUntil, createdAt, time, tags);
  }

  /** {@code value} with this header in front. */
  public byte[] wrap(byte[] value) {
    List<byte[]> encodedTags = new ArrayList<>(tags.size());
    int length = FIXED_LENGTH + value.length;
    for (String tag : tags) {
      byte[] bytes = tag.getBytes(StandardCharsets.UTF_8);
      encodedTags.add(bytes);
      length += 2 + bytes.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length).put(MARKER).put(VERSION)
        .putLong(freshUntil).putLong(createdAt).putLong(backoffUntil).putShort((short) tags.size());
    for (byte[] tag : encodedTags) {
      out.putShort((short) tag.length).put(tag);
    }
    return out.put(value).array();
  }

  /** Whether {@code bytes} start with a header. */
  public static boolean isPresent(byte[] bytes) {
    return bytes.length >= FIXED_LENGTH && bytes[0] == MARKER && bytes[1] == VERSION;
  }

  /** The header in front of {@code bytes}, or {@code null} when there is none or it is malformed. */
  public static EntryMetadata read(byte[] bytes) {
    if (!isPresent(bytes)) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
    long freshUntil = in.getLong();
    long createdAt = in.getLong();
    long backoffUntil = in.getLong();
    int count = Short.toUnsignedInt(in.getShort());
    if (count == 0) {
      return new EntryMetadata(freshUntil, createdAt, backoffUntil, List.of());
    }
    List<String> tags = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 2) {
        return null;
      }
      int length = Short.toUnsignedInt(in.getShort());
      if (in.remaining() < length) {
        return null;
      }
      tags.add(new String(bytes, in.position(), length, StandardCharsets.UTF_8));
      in.position(in.position() + length);
    }
    return new EntryMetadata(freshUntil, createdAt, backoffUntil, tags);
  }

  /** The value behind the header of {@code bytes} (all of {@code bytes} when there is none). */
  public static byte[] value(byte[] bytes) {
    int offset = valueOffset(bytes);
    return offset == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, offset, bytes.length);
  }

  /** Where the value starts in {@code bytes}: 0 without a header, {@code bytes.length} when it is malformed. */
  static int valueOffset(byte[] bytes) {
    if (!isPresent(bytes)) {
      return 0;
    }
    int position = FIXED_LENGTH;
    int count = ((bytes[FIXED_LENGTH - 2] & 0xFF) << 8) | (bytes[FIXED_LENGTH - 1] & 0xFF);
    for (int i = 0; i < count; i++) {
      if (position + 2 > bytes.length) {
        return bytes.length;
      }
      position += 2 + (((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF));
    }
    return Math.min(position, bytes.length);
  }
}
