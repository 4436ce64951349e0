package dev.tiffin.provider.codec;

import dev.tiffin.spi.CorruptValueException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.function.Consumer;
import javax.cache.CacheException;

/**
 * Java serialization with every read bounded, whoever wrote the bytes: an array or a reference
 * count can never exceed the bytes that describe it, the object graph is at most
 * {@value #MAX_DEPTH} deep, and a read that runs past its time budget ({@value #BASE_BUDGET_MILLIS} ms,
 * plus 1 ms per {@value #BYTES_PER_EXTRA_MILLI} bytes of value) is stopped. No {@link Error} from
 * decoding escapes; such a value is corrupt.
 */
final class JavaSerialization {

  /** Deepest object graph read; deeper ones would risk the thread's stack. */
  static final int MAX_DEPTH = 1_000;
  /**
   * Time a read of a small value may take. Hashing nested sets ("SerialDOS") grows geometrically with
   * depth, so the check between objects stops it at a small multiple of the budget.
   */
  static final long BASE_BUDGET_MILLIS = 100;
  /** Large values get more time: one more millisecond per this many bytes. */
  static final int BYTES_PER_EXTRA_MILLI = 4096;

  private JavaSerialization() {
  }

  /**
   * Serializes {@code value} after {@code prefixLength} zero bytes; classes written go to
   * {@code written} when it is not null.
   */
  static byte[] write(Object value, int prefixLength, Consumer<Class<?>> written) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
    buffer.write(new byte[prefixLength], 0, prefixLength);
    try (ObjectOutputStream out = written == null ? new ObjectOutputStream(buffer) : new Recording(buffer, written)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("Tiffin stores by value, but " + e.getMessage()
          + " does not implement java.io.Serializable", e);
    } catch (IOException e) {
      throw new CacheException("Could not serialize a " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
    return buffer.toByteArray();
  }

  /**
   * Reads one object, resolving classes through {@code loader}; {@code allowList} decides which
   * classes may appear, or {@code null} lets any class through (the bytes are signed).
   *
   * @throws RefusedClassException when the allow-list refuses a class
   * @throws CorruptValueException when the bytes cannot be read or break a bound
   */
  static Object read(byte[] bytes, int offset, int length, ClassLoader loader, ClassAllowList allowList) {
    Bounds bounds = new Bounds(length, allowList);
    try (ObjectInputStream in = new LoaderAwareInput(new ByteArrayInputStream(bytes, offset, length), loader)) {
      in.setObjectInputFilter(bounds);
      return in.readObject();
    } catch (InvalidClassException e) {
      if (bounds.refusedClass != null) {
        throw new RefusedClassException(bounds.refusedClass, e);
      }
      if (bounds.brokenBound != null) {
        throw new CorruptValueException("serialized value refused: " + bounds.brokenBound, e);
      }
      throw new CorruptValueException("incompatible class " + e.classname, e);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new CorruptValueException("unreadable serialized value: " + e, e);
    } catch (StackOverflowError e) {
      throw new CorruptValueException("serialized value nests too deeply for this thread's stack", null);
    } catch (OutOfMemoryError e) {
      throw new CorruptValueException("serialized value too large for the heap", null);
    }
  }

  /**
   * The class name of the object a stream starts with, read from its first class descriptor without
   * deserializing anything ({@code STREAM_MAGIC}, version, then {@code TC_OBJECT}/{@code TC_ARRAY},
   * {@code TC_CLASSDESC} and the name).
   */
  static String firstClassName(byte[] bytes, int offset, int end) {
    int at = offset + 4;
    if (end - at < 4 || (bytes[at] != 0x73 && bytes[at] != 0x75) || bytes[at + 1] != 0x72) {
      return "java.io.Serializable (unknown class)";
    }
    int length = ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
    if (at + 4 + length > end) {
      return "java.io.Serializable (unknown class)";
    }
    return new String(bytes, at + 4, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The limits of one read, and the class it refused, if any. */
  private static final class Bounds implements ObjectInputFilter {

    private final long maxCount;
    private final ClassAllowList allowList;
    private final long budgetMillis;
    private final long deadline;
    String refusedClass;
    String brokenBound;

    Bounds(int length, ClassAllowList allowList) {
      // Each array element and each reference takes at least one byte of the stream.
      this.maxCount = length;
      this.allowList = allowList;
      this.budgetMillis = BASE_BUDGET_MILLIS + length / BYTES_PER_EXTRA_MILLI;
      this.deadline = System.nanoTime() + budgetMillis * 1_000_000;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.depth() > MAX_DEPTH) {
        return broken("object graph deeper than " + MAX_DEPTH);
      }
      if (info.arrayLength() > maxCount) {
        return broken("array of " + info.arrayLength() + " elements in " + maxCount + " bytes");
      }
      if (info.references() > maxCount) {
        return broken("more references than bytes");
      }
      if (System.nanoTime() - deadline > 0) {
        return broken("reading took over " + budgetMillis + " ms");
      }
      Class<?> type = info.serialClass();
      if (type != null && allowList != null && !allowList.allows(type)) {
        refusedClass = ClassAllowList.nameToAllow(type);
        return Status.REJECTED;
      }
      return type == null ? Status.UNDECIDED : Status.ALLOWED;
    }

    private Status broken(String why) {
      brokenBound = why;
      return Status.REJECTED;
    }
  }

  /** Resolves classes through the cache manager's class loader rather than the caller's. */
  private static final class LoaderAwareInput extends ObjectInputStream {

    private final ClassLoader loader;

    LoaderAwareInput(ByteArrayInputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }

  /** Reports every class whose descriptor is written, so a keyless store can learn what it may read back. */
  private static final class Recording extends ObjectOutputStream {

    private final Consumer<Class<?>> written;

    Recording(ByteArrayOutputStream out, Consumer<Class<?>> written) throws IOException {
      super(out);
      this.written = written;
    }

    @Override
    protected void annotateClass(Class<?> type) {
      written.accept(type);
    }

    @Override
    protected void annotateProxyClass(Class<?> type) {
      written.accept(type);
    }
  }
}
