package dev.tiffin.cdi.annotation;

import java.util.Arrays;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The default {@link GeneratedCacheKey}: the key arguments compared with
 * {@link Arrays#deepEquals(Object[], Object[])}.
 *
 * <p>The hash is not serialized: with store-by-value and shared stores the serialized key is
 * compared byte for byte, and hashes such as an enum's differ between JVMs.
 */
public final class DeepCacheKey implements GeneratedCacheKey {

  private static final long serialVersionUID = 1L;

  private final Object[] parameters;
  private transient int hash;

  /** Creates a key over a copy of the given arguments. */
  public DeepCacheKey(Object... parameters) {
    this.parameters = parameters.clone();
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.deepHashCode(parameters);
      hash = h;
    }
    return h;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || other instanceof DeepCacheKey key
            && hashCode() == key.hashCode()
            && Arrays.deepEquals(parameters, key.parameters);
  }

  @Override
  public String toString() {
    return "DeepCacheKey" + Arrays.deepToString(parameters);
  }
}
