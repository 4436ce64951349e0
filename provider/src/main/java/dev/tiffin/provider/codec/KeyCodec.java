package dev.tiffin.provider.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Lays out store keys as {@code <app>:<cache>:<key>}: readable text when the key is a String,
 * a NUL byte followed by a codec byte and payload ({@link ObjectEncoding}) otherwise.
 *
 * <p>Lock keys ({@link #lockKey}) are {@code <app>:<cache>#lock:<key>}: outside the cache's prefix,
 * so iteration and {@code clear()} never see them, yet inside {@code <app>:}, where a Redis ACL
 * limited to the application lets them be written. Write-through locks ({@link #writeLockKey}) are
 * {@code <app>:<cache>#write:<key>}, apart from the application's own locks. Tag invalidation times
 * are {@code <app>:<cache>#tag:<tag>}.
 *
 * <p>A namespace is a space of its own: {@link #namespace} gives the layout of one generation,
 * {@code <space>#ns:<name>@<generation>/}, under which its entries, locks and nested namespaces
 * live; the current generation is a counter under {@link #generationKey}. Clearing a namespace
 * moves it to the next generation, leaving the old keys to be reclaimed.
 */
public final class KeyCodec {

  private static final byte ENCODED = 0;

  private final String space;
  private final byte[] prefix;
  private final byte[] lockPrefix;
  private final byte[] writeLockPrefix;
  private final byte[] tagPrefix;
  private final Consumer<Class<?>> written;

  /**
   * Creates the key layout for one cache; classes Java serialization writes for keys go to
   * {@code written} when it is not null.
   */
  public KeyCodec(String app, String cacheName, Consumer<Class<?>> written) {
    this(app + ":" + escape(cacheName), written);
  }

  private KeyCodec(String space, Consumer<Class<?>> written) {
    this.space = space;
    this.prefix = (space + ":").getBytes(StandardCharsets.UTF_8);
    this.lockPrefix = (space + "#lock:").getBytes(StandardCharsets.UTF_8);
    this.writeLockPrefix = (space + "#write:").getBytes(StandardCharsets.UTF_8);
    this.tagPrefix = (space + "#tag:").getBytes(StandardCharsets.UTF_8);
    this.written = written;
  }

  /** The layout of generation {@code generation} of the namespace {@code name} inside this space. */
  public KeyCodec namespace(String name, long generation) {
    return new KeyCodec(space + "#ns:" + escape(name).replace("@", "%40") + "@" + generation + "/", written);
  }

  /** The name of the channel this cache's near tiers tell each other of changes on. */
  public String channel() {
    return space + "#near";
  }

  /** The name of the channel this cache shares its entry events with other JVMs on. */
  public String eventChannel() {
    return space + "#events";
  }

  /** The store key of the counter holding the current generation of namespace {@code name}. */
  public byte[] generationKey(String name) {
    return (space + "#gen:" + escape(name)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What every key of this space starts with: its entries, locks and nested namespaces. Unique only
   * for a namespace's layout, whose generation ends in {@code /}; a cache's own space is a prefix of
   * other caches' names.
   */
  public byte[] spacePrefix() {
    return space.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The cache name as it stands in keys: {@code %}, {@code :} and {@code #} percent-encoded, so no
   * cache's prefix is the start of another's (cache {@code a} must never clear cache {@code a:b}).
   */
  public static String escape(String cacheName) {
    return cacheName.replace("%", "%25").replace(":", "%3A").replace("#", "%23");
  }

  /** The bytes every key of this cache starts with. */
  public byte[] prefix() {
    return prefix.clone();
  }

  /** The store key for a cache key. */
  public byte[] encode(Object key) {
    return withBody(prefix, key);
  }

  /** The store key of the lock on a cache key, never one of the cache's entries. */
  public byte[] lockKey(Object key) {
    return withBody(lockPrefix, key);
  }

  /** The store key of the lock Tiffin holds while writing a cache key through to the cache writer. */
  public byte[] writeLockKey(Object key) {
    return withBody(writeLockPrefix, key);
  }

  /** The store key holding when {@code tag} was last invalidated, never one of the cache's entries. */
  public byte[] tagKey(String tag) {
    byte[] body = tag.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(tagPrefix, tagPrefix.length + body.length);
    System.arraycopy(body, 0, out, tagPrefix.length, body.length);
    return out;
  }

  /** Whether the key part of this cache's store key is plain text (needs no decoding to trust). */
  boolean hasTextBody(byte[] storeKey) {
    return storeKey.length <= prefix.length || storeKey[prefix.length] != ENCODED;
  }

  /** The cache key behind a store key of this cache; an encoded key's Java payload goes to {@code java}. */
  Object decode(byte[] storeKey, ObjectEncoding.JavaReader java) {
    if (hasTextBody(storeKey)) {
      return new String(storeKey, prefix.length, storeKey.length - prefix.length, StandardCharsets.UTF_8);
    }
    return ObjectEncoding.decode(storeKey, prefix.length + 1, storeKey.length, java);
  }

  private byte[] withBody(byte[] head, Object key) {
    if (key instanceof String s && !s.isEmpty() && s.charAt(0) != '\0' && ObjectEncoding.isUtf8Safe(s)) {
      byte[] body = s.getBytes(StandardCharsets.UTF_8);
      byte[] out = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, out, head.length, body.length);
      return out;
    }
    byte[] out = ObjectEncoding.encode(key, head.length + 1, written);
    System.arraycopy(head, 0, out, 0, head.length);
    out[head.length] = ENCODED;
    return out;
  }
}
