package dev.tiffin.cdi.inject;

import dev.tiffin.cdi.NamedCache;
import dev.tiffin.cdi.annotation.OnDemandCaches;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * Producers for the default {@link CachingProvider}, its default {@link CacheManager} and
 * {@link NamedCache} caches.
 *
 * <p>All are {@code @Dependent} with no disposer: the provider owns managers and caches and other
 * code may share them, so injection never closes them; a closed manager is replaced by the provider
 * on the next injection.
 */
@Dependent
public class JCacheProducers {

  /** {@code @Inject CachingProvider}: {@code Caching.getCachingProvider()}. */
  @Produces
  @Dependent
  public CachingProvider cachingProvider() {
    return Caching.getCachingProvider();
  }

  /** {@code @Inject CacheManager}: the default provider's default manager. */
  @Produces
  @Dependent
  public CacheManager cacheManager() {
    return Caching.getCachingProvider().getCacheManager();
  }

  /** {@code @Inject @NamedCache("name") Cache<K, V>}: the named cache, created when absent. */
  @Produces
  @Dependent
  @NamedCache("")
  public <K, V> Cache<K, V> namedCache(InjectionPoint injectionPoint) {
    return named(injectionPoint);
  }

  /** The cache a {@code @NamedCache} injection point names, created with its type arguments when absent. */
  static <K, V> Cache<K, V> named(InjectionPoint injectionPoint) {
    NamedCache qualifier = injectionPoint.getQualifiers().stream()
        .filter(NamedCache.class::isInstance).map(NamedCache.class::cast).findFirst()
        .orElseThrow(() -> new IllegalStateException("No @NamedCache on " + injectionPoint));
    if (qualifier.value().isBlank()) {
      throw new IllegalArgumentException("@NamedCache needs a cache name: " + injectionPoint);
    }
    Type type = injectionPoint.getType();
    return OnDemandCaches.getOrCreate(Caching.getCachingProvider().getCacheManager(), qualifier.value(),
        typeArgument(type, 0), typeArgument(type, 1));
  }

  /** The class of a type argument of {@code Cache<K, V>}, or {@code Object} when it is not a plain class. */
  @SuppressWarnings("unchecked")
  static <T> Class<T> typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments()[index] instanceof Class<?> plain
        && !plain.isPrimitive()) {
      return (Class<T>) plain;
    }
    return (Class<T>) Object.class;
  }
}
