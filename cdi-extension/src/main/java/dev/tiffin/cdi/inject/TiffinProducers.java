package dev.tiffin.cdi.inject;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.cdi.NamedCache;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;

/**
 * {@code @Inject @NamedCache("name") TiffinCache<K, V>}: Tiffin's operations beyond JCache for a
 * named cache; registered by the extension only when {@code tiffin-api} is on the class path.
 */
@Dependent
public class TiffinProducers {

  /** The named cache, created when absent, unwrapped to {@link TiffinCache}. */
  @Produces
  @Dependent
  @NamedCache("")
  @SuppressWarnings("unchecked")
  public <K, V> TiffinCache<K, V> namedTiffinCache(InjectionPoint injectionPoint) {
    return JCacheProducers.named(injectionPoint).unwrap(TiffinCache.class);
  }
}
