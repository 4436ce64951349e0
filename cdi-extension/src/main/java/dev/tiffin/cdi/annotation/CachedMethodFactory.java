package dev.tiffin.cdi.annotation;

import dev.tiffin.cdi.flight.CrossJvmGate;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import javax.cache.Cache;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/**
 * Builds the {@link CachedMethod} of an annotated method: its declaration plus the resolver factory
 * and key generator named by the annotation, else by the class's {@code @CacheDefaults}, else the
 * defaults.
 */
final class CachedMethodFactory {

  private final ComponentLookup components;
  private final CacheResolverFactory defaultResolverFactory;
  private final CacheKeyGenerator defaultKeyGenerator;
  private final Predicate<Cache<?, ?>> singleFlight;

  CachedMethodFactory(ComponentLookup components, CacheResolverFactory defaultResolverFactory,
      CacheKeyGenerator defaultKeyGenerator, Predicate<Cache<?, ?>> singleFlight) {
    this.components = components;
    this.defaultResolverFactory = defaultResolverFactory;
    this.defaultKeyGenerator = defaultKeyGenerator;
    this.singleFlight = singleFlight;
  }

  CachedMethod create(Method method, Class<?> targetClass) {
    CacheDeclaration declaration = CacheDeclaration.of(method, targetClass);
    if (declaration == null) {
      throw new CacheAnnotationException("No cache annotation applies to " + method);
    }
    Annotation annotation = declaration.annotation();
    CacheDefaults defaults = declaration.defaults();
    String name = declaration.cacheName();
    ParameterLayout parameters = declaration.parameters();
    if (annotation instanceof CacheResult a) {
      var details = new MethodDetails<>(method, a, name);
      CacheResolverFactory factory = resolverFactory(a.cacheResolverFactory(), defaults);
      CacheResolver exceptionResolver = a.exceptionCacheName().isBlank()
          ? null : checked(factory.getExceptionCacheResolver(details), factory, details);
      return new ResultMethod(details, parameters, resolver(factory, details), exceptionResolver,
          keyGenerator(a.cacheKeyGenerator(), defaults),
          ExceptionFilter.of(a.cachedExceptions(), a.nonCachedExceptions(), true),
          isAsynchronous(method), new LastCacheMemo<>(singleFlight::test), new LastCacheMemo<>(CrossJvmGate::of));
    }
    if (annotation instanceof CachePut a) {
      var details = new MethodDetails<>(method, a, name);
      return new PutMethod(details, parameters, resolver(resolverFactory(a.cacheResolverFactory(), defaults), details),
          keyGenerator(a.cacheKeyGenerator(), defaults), ExceptionFilter.of(a.cacheFor(), a.noCacheFor(), false));
    }
    if (annotation instanceof CacheRemove a) {
      var details = new MethodDetails<>(method, a, name);
      return new RemoveMethod(details, parameters,
          resolver(resolverFactory(a.cacheResolverFactory(), defaults), details),
          keyGenerator(a.cacheKeyGenerator(), defaults), ExceptionFilter.of(a.evictFor(), a.noEvictFor(), false));
    }
    CacheRemoveAll a = (CacheRemoveAll) annotation;
    var details = new MethodDetails<>(method, a, name);
    return new RemoveAllMethod(details, parameters,
        resolver(resolverFactory(a.cacheResolverFactory(), defaults), details),
        ExceptionFilter.of(a.evictFor(), a.noEvictFor(), false));
  }

  /** A {@code CompletionStage}/{@code CompletableFuture} return type, whose hits can be answered with a completed future. */
  static boolean isAsynchronous(Method method) {
    Class<?> type = method.getReturnType();
    return CompletionStage.class.isAssignableFrom(type) && type.isAssignableFrom(CompletableFuture.class);
  }

  private CacheResolverFactory resolverFactory(Class<? extends CacheResolverFactory> declared,
      CacheDefaults defaults) {
    Class<? extends CacheResolverFactory> type = declared;
    if (type == CacheResolverFactory.class && defaults != null) {
      type = defaults.cacheResolverFactory();
    }
    return type == CacheResolverFactory.class ? defaultResolverFactory : components.instance(type);
  }

  private CacheKeyGenerator keyGenerator(Class<? extends CacheKeyGenerator> declared, CacheDefaults defaults) {
    Class<? extends CacheKeyGenerator> type = declared;
    if (type == CacheKeyGenerator.class && defaults != null) {
      type = defaults.cacheKeyGenerator();
    }
    return type == CacheKeyGenerator.class ? defaultKeyGenerator : components.instance(type);
  }

  private static CacheResolver resolver(CacheResolverFactory factory, CacheMethodDetails<?> details) {
    return checked(factory.getCacheResolver(details), factory, details);
  }

  private static CacheResolver checked(CacheResolver resolver, CacheResolverFactory factory,
      CacheMethodDetails<?> details) {
    if (resolver == null) {
      throw new CacheAnnotationException(factory.getClass().getName() + " returned no CacheResolver for "
          + details.getMethod());
    }
    return resolver;
  }
}
