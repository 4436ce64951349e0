package dev.tiffin.cdi.annotation;

import dev.tiffin.cdi.config.ExtensionSettings;
import dev.tiffin.cdi.flight.SingleFlight;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.function.Predicate;
import javax.cache.Cache;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheResolverFactory;

/**
 * Runs the JSR-107 cache operation of an intercepted call; the entry point of the framework-neutral
 * annotation support, one instance per application.
 */
public final class CacheInterception {

  private final CachedMethodRegistry registry;
  private final CacheResultOperation results;
  private final CachePutOperation puts = new CachePutOperation();
  private final CacheRemoveOperation removes = new CacheRemoveOperation();
  private final CacheRemoveAllOperation removeAlls = new CacheRemoveAllOperation();

  /** Uses the spec's defaults and the per-cache settings of {@link ExtensionSettings}. */
  public CacheInterception(ComponentLookup components) {
    this(components, new DefaultCacheResolverFactory(), new DeepCacheKeyGenerator(), ExtensionSettings::singleFlight);
  }

  /** Uses the given defaults and single-flight switch. */
  public CacheInterception(ComponentLookup components, CacheResolverFactory defaultResolverFactory,
      CacheKeyGenerator defaultKeyGenerator, Predicate<Cache<?, ?>> singleFlight) {
    this.registry = new CachedMethodRegistry(
        new CachedMethodFactory(components, defaultResolverFactory, defaultKeyGenerator, singleFlight));
    this.results = new CacheResultOperation(new SingleFlight());
  }

  /**
   * Applies the cache annotation in charge of {@code method} when it is {@code binding}; otherwise
   * just proceeds, since another of the four interceptors owns the call.
   *
   * @param targetClass the bean class, used for class-level annotations and {@code @CacheDefaults}
   */
  public Object intercept(Class<? extends Annotation> binding, Method method, Class<?> targetClass,
      Invocation call) throws Exception {
    CachedMethod cached = registry.get(method, targetClass);
    if (cached.annotationType() != binding) {
      return call.proceed().proceed();
    }
    if (cached instanceof ResultMethod m) {
      return results.invoke(m, call);
    }
    if (cached instanceof PutMethod m) {
      return puts.invoke(m, call);
    }
    if (cached instanceof RemoveMethod m) {
      return removes.invoke(m, call);
    }
    return removeAlls.invoke((RemoveAllMethod) cached, call);
  }
}
