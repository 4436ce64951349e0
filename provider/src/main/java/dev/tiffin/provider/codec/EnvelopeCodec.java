package dev.tiffin.provider.codec;

import dev.tiffin.api.StoredValue;
import dev.tiffin.spi.CorruptValueException;
import dev.tiffin.spi.ValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One cache's values in the {@link ValueFormat}: Strings as their text, everything else in an
 * envelope that is signed whenever reading it back would need Java deserialization (of the value,
 * or of the key it is stored under).
 *
 * <p>What is deserialized, and how: a value whose tag verifies was written by a holder of the
 * store's key, so any class the cache's class loader can load is read, with no allow-list. Without
 * a signing key (a shared Redis store nobody gave one) the {@link ClassAllowList} decides. A store
 * with a key never deserializes an unsigned or badly signed value. Every read is bounded
 * ({@link JavaSerialization}), and whatever cannot be read or trusted is reported to
 * {@link UnreadableValues} and thrown as a {@link CorruptValueException}, which the cache reads as
 * absent.
 */
public final class EnvelopeCodec implements ValueCodec {

  private final KeyCodec keys;
  private final SigningKeys signer;
  private final ClassAllowList allowList;
  private final ClassLoader loader;
  private final UnreadableValues unreadable;
  private final String signingKeySetting;
  private final String allowSetting;

  private EnvelopeCodec(KeyCodec keys, StoreTrust trust, ClassAllowList allowList, ClassLoader loader,
      UnreadableValues unreadable, String cacheName) {
    this.keys = keys;
    this.signer = trust.signingKeys().orElse(null);
    this.allowList = allowList;
    this.loader = loader;
    this.unreadable = unreadable;
    this.signingKeySetting = "tiffin.store." + trust.storeName() + ".signing-key";
    this.allowSetting = "tiffin.cache." + cacheName + ".allowed-classes";
  }

  /**
   * The key layout and value codec of one cache.
   *
   * @param declaredTypes the cache's key and value types, trusted by the allow-list
   * @param allowedPatterns classes or {@code package.*} patterns the configuration allows
   */
  public static Pair forCache(String app, String cacheName, StoreTrust trust, List<Class<?>> declaredTypes,
      List<String> allowedPatterns, ClassLoader loader, UnreadableValues unreadable) {
    ClassAllowList allowList = new ClassAllowList(declaredTypes, allowedPatterns, trust.learnedClasses(cacheName));
    // Only a keyless store reads by allow-list, so only it needs to learn what it writes.
    KeyCodec keys = new KeyCodec(app, cacheName, trust.signs() ? null : allowList::learn);
    return new Pair(keys, new EnvelopeCodec(keys, trust, allowList, loader, unreadable, cacheName));
  }

  /** The key layout and value codec of generation {@code generation} of namespace {@code name}. */
  public Pair namespace(String name, long generation) {
    KeyCodec namespaced = keys.namespace(name, generation);
    return new Pair(namespaced, new EnvelopeCodec(namespaced, this));
  }

  private EnvelopeCodec(KeyCodec keys, EnvelopeCodec same) {
    this.keys = keys;
    this.signer = same.signer;
    this.allowList = same.allowList;
    this.loader = same.loader;
    this.unreadable = same.unreadable;
    this.signingKeySetting = same.signingKeySetting;
    this.allowSetting = same.allowSetting;
  }

  /** A cache's key layout and its value codec, made together because values sign their keys. */
  public record Pair(KeyCodec keys, EnvelopeCodec values) {
  }

  @Override
  public byte[] encode(byte[] storeKey, Object value) {
    boolean textKey = keys.hasTextBody(storeKey);
    if (textKey && value instanceof String s && !s.isEmpty() && ObjectEncoding.isUtf8Safe(s)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    byte[] out = ObjectEncoding.encode(value, ValueFormat.HEADER_LENGTH, signer == null ? allowList::learn : null);
    boolean sign = signer != null && (!textKey || out[ValueFormat.HEADER_LENGTH] == ValueFormat.JAVA);
    out[0] = ValueFormat.MARKER;
    out[1] = ValueFormat.VERSION;
    out[2] = sign ? ValueFormat.SIGNED : 0;
    out[3] = out[ValueFormat.HEADER_LENGTH];
    if (!sign) {
      return out;
    }
    int length = out.length;
    byte[] tag = signer.sign(storeKey, out, length);
    byte[] signed = Arrays.copyOf(out, length + tag.length);
    System.arraycopy(tag, 0, signed, length, tag.length);
    return signed;
  }

  @Override
  public Object decode(byte[] storeKey, byte[] bytes) {
    int offset = EntryMetadata.valueOffset(bytes);
    if (offset > 0) {
      if (offset < bytes.length && bytes[offset] != ValueFormat.MARKER) {
        return new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
      }
      bytes = Arrays.copyOfRange(bytes, offset, bytes.length);
    }
    if (bytes.length == 0 || bytes[0] != ValueFormat.MARKER) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    int end = payloadEnd(storeKey, bytes);
    boolean verified = signer != null && isSigned(bytes);
    try {
      return ObjectEncoding.decode(bytes, ValueFormat.HEADER_LENGTH, end, readerFor(verified));
    } catch (Reported e) {
      throw e;
    } catch (RefusedClassException e) {
      throw refusedClass(e);
    } catch (CorruptValueException e) {
      throw unreadable("corrupt", "ignored an unreadable value (" + e.getMessage() + ")", e);
    }
  }

  /** What {@code bytes} hold, read from the format alone: nothing is deserialized. */
  public StoredValue inspect(byte[] storeKey, byte[] bytes) {
    bytes = withoutMetadata(bytes);
    if (bytes.length == 0 || bytes[0] != ValueFormat.MARKER) {
      return new StoredValue("java.lang.String", bytes.length, "text");
    }
    if (bytes.length <= ValueFormat.HEADER_LENGTH) {
      return new StoredValue("unreadable", bytes.length, "corrupt");
    }
    boolean signed = isSigned(bytes);
    int end = signed ? bytes.length - ValueFormat.TAG_LENGTH : bytes.length;
    String trust = !signed ? (bytes[3] == ValueFormat.JAVA ? "unsigned" : "plain")
        : signer == null ? "signed (no key here to check it)"
        : end > ValueFormat.HEADER_LENGTH && signer.verifies(storeKey, bytes, end) ? "signed" : "bad signature";
    String type = switch (bytes[3]) {
      case ValueFormat.TEXT, ValueFormat.UTF16 -> "java.lang.String";
      case ValueFormat.LONG -> "java.lang.Long";
      case ValueFormat.INTEGER -> "java.lang.Integer";
      case ValueFormat.DOUBLE -> "java.lang.Double";
      case ValueFormat.BOOLEAN -> "java.lang.Boolean";
      case ValueFormat.BYTES -> "byte[]";
      case ValueFormat.JAVA -> JavaSerialization.firstClassName(bytes, ValueFormat.HEADER_LENGTH + 1, end);
      default -> "unknown codec " + bytes[3];
    };
    return new StoredValue(type, bytes.length, trust);
  }

  /** The cache key behind {@code storeKey}, trusted as far as the value stored under it is. */
  public Object decodeKey(byte[] storeKey, byte[] value) {
    value = withoutMetadata(value);
    if (keys.hasTextBody(storeKey)) {
      return keys.decode(storeKey, null);
    }
    boolean verified = false;
    if (signer != null && value.length > 0 && value[0] == ValueFormat.MARKER) {
      payloadEnd(storeKey, value);
      verified = isSigned(value);
    }
    try {
      return keys.decode(storeKey, readerFor(verified));
    } catch (Reported e) {
      throw e;
    } catch (RefusedClassException e) {
      throw refusedClass(e);
    } catch (CorruptValueException e) {
      throw unreadable("corrupt key", "ignored an entry whose key cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] withoutMetadata(byte[] bytes) {
    int offset = EntryMetadata.valueOffset(bytes);
    return offset == 0 ? bytes : Arrays.copyOfRange(bytes, offset, bytes.length);
  }

  /** Checks the header and the tag; returns where the payload ends. */
  private int payloadEnd(byte[] storeKey, byte[] bytes) {
    if (bytes.length <= ValueFormat.HEADER_LENGTH) {
      throw unreadable("corrupt", "ignored an unreadable value (truncated header)", null);
    }
    if (bytes[1] != ValueFormat.VERSION) {
      throw unreadable("version " + bytes[1], "ignored a value in format version " + bytes[1]
          + ", which this version of Tiffin does not read (written by a newer one?)", null);
    }
    if (!isSigned(bytes)) {
      return bytes.length;
    }
    int end = bytes.length - ValueFormat.TAG_LENGTH;
    if (end <= ValueFormat.HEADER_LENGTH) {
      throw unreadable("corrupt", "ignored an unreadable value (truncated tag)", null);
    }
    if (signer != null && !signer.verifies(storeKey, bytes, end)) {
      throw unreadable("bad signature", "ignored a value whose signature does not verify: tampered with,"
          + " copied from another key, or signed with a key this store no longer has (during a key"
          + " rotation, set " + signingKeySetting.replace("signing-key", "previous-signing-key") + ")", null);
    }
    return end;
  }

  private static boolean isSigned(byte[] bytes) {
    return (bytes[2] & ValueFormat.SIGNED) != 0;
  }

  private ObjectEncoding.JavaReader readerFor(boolean verified) {
    if (verified) {
      return (bytes, offset, length) -> JavaSerialization.read(bytes, offset, length, loader, null);
    }
    if (signer == null) {
      return (bytes, offset, length) -> JavaSerialization.read(bytes, offset, length, loader, allowList);
    }
    return (bytes, offset, length) -> {
      throw unreadable("unsigned", "ignored a value that needs Java deserialization but carries no signature"
          + " (written without this store's signing key, or by someone else); it is never deserialized", null);
    };
  }

  private Reported refusedClass(RefusedClassException e) {
    String name = e.className();
    return unreadable("class " + name, "ignored a value of class " + name + ": this store has no signing key,"
        + " and " + name + " is not a JDK type, a declared type, a class this JVM wrote into the cache, nor"
        + " allowed; set " + signingKeySetting + " (recommended) or " + allowSetting + "=" + name, e);
  }

  private Reported unreadable(String kind, String message, Throwable cause) {
    unreadable.record(kind, message);
    return new Reported(message, cause);
  }

  /** An unreadable value already counted and logged. */
  private static final class Reported extends CorruptValueException {
    Reported(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
