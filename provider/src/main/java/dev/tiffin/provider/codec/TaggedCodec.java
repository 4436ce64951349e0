package dev.tiffin.provider.codec;

import dev.tiffin.spi.CorruptValueException;
import dev.tiffin.spi.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter.Status;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.cache.CacheException;

/**
 * The default codec: one tag byte, then a fast encoding for strings, numbers and byte arrays, or
 * Java serialization behind an allow-list for everything else.
 */
public final class TaggedCodec implements ValueCodec {

  static final byte STRING = 'S';
  static final byte LONG = 'L';
  static final byte INTEGER = 'I';
  static final byte DOUBLE = 'D';
  static final byte BOOLEAN = 'Z';
  static final byte BYTES = 'B';
  static final byte SERIALIZED = 'J';

  private final ClassAllowList allowList;
  private final ClassLoader classLoader;
  private final String allowSetting;

  /**
   * Creates a codec.
   *
   * @param allowList which classes Java deserialization accepts
   * @param classLoader the loader that resolves serialized classes (the cache manager's)
   * @param allowSetting the setting a user changes to allow a refused class, named in errors
   */
  public TaggedCodec(ClassAllowList allowList, ClassLoader classLoader, String allowSetting) {
    this.allowList = allowList;
    this.classLoader = classLoader;
    this.allowSetting = allowSetting;
  }

  @Override
  public byte[] encode(Object value) {
    if (value instanceof String s) {
      return tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof Long l) {
      return ByteBuffer.allocate(9).put(LONG).putLong(l).array();
    } else if (value instanceof Integer i) {
      return ByteBuffer.allocate(5).put(INTEGER).putInt(i).array();
    } else if (value instanceof Double d) {
      return ByteBuffer.allocate(9).put(DOUBLE).putDouble(d).array();
    } else if (value instanceof Boolean b) {
      return new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
    } else if (value instanceof byte[] bytes) {
      return tagged(BYTES, bytes);
    }
    return serialize(value);
  }

  @Override
  public Object decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new CorruptValueException("empty value", null);
    }
    try {
      return switch (bytes[0]) {
        case STRING -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        case LONG -> exact(bytes, 8).getLong();
        case INTEGER -> exact(bytes, 4).getInt();
        case DOUBLE -> exact(bytes, 8).getDouble();
        case BOOLEAN -> exact(bytes, 1).get() != 0;
        case BYTES -> Arrays.copyOfRange(bytes, 1, bytes.length);
        case SERIALIZED -> deserialize(bytes);
        default -> throw new CorruptValueException("unknown value tag " + bytes[0], null);
      };
    } catch (IllegalArgumentException e) {
      throw new CorruptValueException("truncated value: " + e.getMessage(), e);
    }
  }

  private static ByteBuffer exact(byte[] bytes, int length) {
    if (bytes.length - 1 != length) {
      throw new IllegalArgumentException("expected " + length + " bytes, found " + (bytes.length - 1));
    }
    return ByteBuffer.wrap(bytes, 1, length);
  }

  private static byte[] tagged(byte tag, byte[] payload) {
    byte[] out = new byte[payload.length + 1];
    out[0] = tag;
    System.arraycopy(payload, 0, out, 1, payload.length);
    return out;
  }

  private static byte[] serialize(Object value) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
    buffer.write(SERIALIZED);
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("Tiffin stores by value, but " + e.getMessage()
          + " does not implement java.io.Serializable", e);
    } catch (IOException e) {
      throw new CacheException("Could not serialize a " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
    return buffer.toByteArray();
  }

  private Object deserialize(byte[] bytes) {
    String[] refused = new String[1];
    try (ObjectInputStream in = new LoaderAwareInput(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
      in.setObjectInputFilter(info -> {
        Status status = allowList.checkInput(info);
        if (status == Status.REJECTED) {
          refused[0] = info.serialClass().getName();
        }
        return status;
      });
      return in.readObject();
    } catch (InvalidClassException e) {
      if (refused[0] != null) {
        throw new CacheException("Refused to deserialize class " + refused[0]
            + ": it is not on the allow-list; allow it with " + allowSetting + "=" + refused[0]
            + " (or a package pattern such as " + packagePattern(refused[0]) + ")", e);
      }
      throw new CorruptValueException("incompatible class " + e.classname, e);
    } catch (IOException | ClassNotFoundException e) {
      throw new CorruptValueException("unreadable serialized value: " + e, e);
    }
  }

  private static String packagePattern(String className) {
    int dot = className == null ? -1 : className.lastIndexOf('.');
    return dot < 0 ? "*" : className.substring(0, dot) + ".*";
  }

  /** Resolves classes through the cache manager's class loader rather than the caller's. */
  private final class LoaderAwareInput extends ObjectInputStream {

    LoaderAwareInput(ByteArrayInputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
