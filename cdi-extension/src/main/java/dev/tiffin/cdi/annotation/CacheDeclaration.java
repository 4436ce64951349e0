package dev.tiffin.cdi.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * What a method's declaration says about caching: its one cache annotation (on the method, else on
 * the class), the class's {@link CacheDefaults}, the resolved cache name and the parameter layout.
 *
 * <p>Pure reflection, so the extension can check every annotated method at deployment time.
 */
public record CacheDeclaration(Annotation annotation, CacheDefaults defaults, String cacheName,
    ParameterLayout parameters) {

  /** The four annotations this extension runs. */
  public static final List<Class<? extends Annotation>> CACHE_ANNOTATIONS =
      List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);

  /**
   * Reads the declaration of {@code method} as invoked on an instance of {@code targetClass}.
   *
   * @return null when neither the method nor the class carries a cache annotation
   * @throws CacheAnnotationException when the annotations break a rule of the spec
   */
  public static CacheDeclaration of(Method method, Class<?> targetClass) {
    Annotation annotation = single(method, annotationsOf(method));
    if (annotation == null) {
      annotation = single(method, annotationsOf(targetClass));
    }
    if (annotation == null && targetClass != method.getDeclaringClass()) {
      annotation = single(method, annotationsOf(method.getDeclaringClass()));
    }
    if (annotation == null) {
      return null;
    }
    CacheDefaults defaults = findDefaults(targetClass);
    if (defaults == null) {
      defaults = findDefaults(method.getDeclaringClass());
    }
    boolean isPut = annotation instanceof CachePut;
    ParameterLayout parameters = ParameterLayout.of(method, isPut);
    if (isPut && !parameters.hasValue()) {
      throw new CacheAnnotationException("A @CachePut method needs one parameter annotated @CacheValue: " + method);
    }
    return new CacheDeclaration(annotation, defaults, cacheName(annotation, defaults, method), parameters);
  }

  /** The spec's generated name: {@code fully.qualified.Class.method(param.Type,param.Type)}. */
  public static String defaultCacheName(Method method) {
    StringJoiner parameters = new StringJoiner(",", "(", ")");
    for (Class<?> type : method.getParameterTypes()) {
      parameters.add(type.getName());
    }
    return method.getDeclaringClass().getName() + "." + method.getName() + parameters;
  }

  private static String cacheName(Annotation annotation, CacheDefaults defaults, Method method) {
    String declared = declaredCacheName(annotation);
    if (!declared.isEmpty()) {
      return declared;
    }
    if (defaults != null && !defaults.cacheName().isEmpty()) {
      return defaults.cacheName();
    }
    return defaultCacheName(method);
  }

  private static String declaredCacheName(Annotation annotation) {
    if (annotation instanceof CacheResult a) {
      return a.cacheName();
    }
    if (annotation instanceof CachePut a) {
      return a.cacheName();
    }
    if (annotation instanceof CacheRemove a) {
      return a.cacheName();
    }
    return ((CacheRemoveAll) annotation).cacheName();
  }

  private static List<Annotation> annotationsOf(AnnotatedElement element) {
    List<Annotation> found = new ArrayList<>(1);
    for (Class<? extends Annotation> type : CACHE_ANNOTATIONS) {
      Annotation a = element.getAnnotation(type);
      if (a != null) {
        found.add(a);
      }
    }
    return found;
  }

  private static Annotation single(Method method, List<Annotation> found) {
    if (found.size() > 1) {
      throw new CacheAnnotationException("Only one of @CacheResult, @CachePut, @CacheRemove and "
          + "@CacheRemoveAll may apply to a method, found " + found + " for " + method);
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static CacheDefaults findDefaults(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      CacheDefaults defaults = c.getAnnotation(CacheDefaults.class);
      if (defaults != null) {
        return defaults;
      }
    }
    return null;
  }
}
