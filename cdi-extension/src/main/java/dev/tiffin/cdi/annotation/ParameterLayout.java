package dev.tiffin.cdi.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheValue;

/**
 * Which parameters of an annotated method form the key and which one is the {@link CacheValue},
 * worked out once from the method's declaration.
 */
public final class ParameterLayout {

  private final Class<?>[] types;
  private final List<Set<Annotation>> annotations;
  private final int[] keyPositions;
  private final int valuePosition;

  private ParameterLayout(Class<?>[] types, List<Set<Annotation>> annotations, int[] keyPositions,
      int valuePosition) {
    this.types = types;
    this.annotations = annotations;
    this.keyPositions = keyPositions;
    this.valuePosition = valuePosition;
  }

  /**
   * Reads the layout of a method; {@code valueAllowed} is true only for {@code @CachePut}.
   *
   * <p>Key parameters follow the spec: the {@code @CacheKey} ones if any, otherwise all but the
   * {@code @CacheValue} one.
   */
  static ParameterLayout of(Method method, boolean valueAllowed) {
    Class<?>[] types = method.getParameterTypes();
    Annotation[][] declared = method.getParameterAnnotations();
    List<Set<Annotation>> annotations = new ArrayList<>(types.length);
    List<Integer> marked = new ArrayList<>();
    int value = -1;
    for (int i = 0; i < types.length; i++) {
      annotations.add(Set.of(declared[i]));
      for (Annotation a : declared[i]) {
        if (a.annotationType() == CacheKey.class) {
          marked.add(i);
        } else if (a.annotationType() == CacheValue.class) {
          if (!valueAllowed) {
            throw new CacheAnnotationException("@CacheValue is only allowed on a @CachePut method: " + method);
          }
          if (value >= 0) {
            throw new CacheAnnotationException("Only one parameter may be annotated @CacheValue: " + method);
          }
          value = i;
        }
      }
    }
    int valuePosition = value;
    int[] keys = marked.isEmpty()
        ? IntStream.range(0, types.length).filter(i -> i != valuePosition).toArray()
        : marked.stream().mapToInt(Integer::intValue).filter(i -> i != valuePosition).toArray();
    return new ParameterLayout(types, List.copyOf(annotations), keys, valuePosition);
  }

  /** True when a parameter is annotated {@code @CacheValue}. */
  boolean hasValue() {
    return valuePosition >= 0;
  }

  /** The arguments that form the key, in declaration order. */
  Object[] keyValues(Object[] arguments) {
    Object[] values = new Object[keyPositions.length];
    for (int i = 0; i < keyPositions.length; i++) {
      values[i] = arguments[keyPositions[i]];
    }
    return values;
  }

  /** The value a {@code @CachePut} method stores. */
  Object value(Object[] arguments) {
    return arguments[valuePosition];
  }

  /** Every argument as a parameter object, in declaration order. */
  CacheInvocationParameter[] all(Object[] arguments) {
    CacheInvocationParameter[] all = new CacheInvocationParameter[types.length];
    for (int i = 0; i < types.length; i++) {
      all[i] = parameter(i, arguments);
    }
    return all;
  }

  /** The key arguments as parameter objects. */
  CacheInvocationParameter[] keys(Object[] arguments) {
    CacheInvocationParameter[] keys = new CacheInvocationParameter[keyPositions.length];
    for (int i = 0; i < keyPositions.length; i++) {
      keys[i] = parameter(keyPositions[i], arguments);
    }
    return keys;
  }

  /** The {@code @CacheValue} argument as a parameter object, or null when there is none. */
  CacheInvocationParameter valueParameter(Object[] arguments) {
    return hasValue() ? parameter(valuePosition, arguments) : null;
  }

  private CacheInvocationParameter parameter(int position, Object[] arguments) {
    return new InvocationParameter(types[position], arguments[position], annotations.get(position), position);
  }

  @Override
  public String toString() {
    return "ParameterLayout[keys=" + Arrays.toString(keyPositions) + ", value=" + valuePosition + "]";
  }
}
