package dev.tiffin.cdi;

import dev.tiffin.cdi.annotation.CacheDeclaration;
import dev.tiffin.cdi.inject.JCacheProducers;
import dev.tiffin.cdi.interceptor.CacheInterceptionRuntime;
import dev.tiffin.cdi.interceptor.CachePutInterceptor;
import dev.tiffin.cdi.interceptor.CacheRemoveAllInterceptor;
import dev.tiffin.cdi.interceptor.CacheRemoveInterceptor;
import dev.tiffin.cdi.interceptor.CacheResultInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * Portable extension that runs the JSR-107 caching annotations on CDI beans and offers JCache
 * injection, with nothing to configure: no beans.xml entry, any bean discovery mode.
 *
 * <p>The {@code javax.cache.annotation} annotations are not interceptor bindings by themselves, and
 * their members carry the old {@code javax.enterprise.util.Nonbinding} that a Jakarta container
 * ignores; this extension declares them as bindings with every member non-binding, so that, say,
 * {@code cacheName} does not decide which interceptor applies.
 */
public class TiffinCacheExtension implements Extension {

  private static final List<Class<?>> OWN_BEANS = List.of(CacheResultInterceptor.class, CachePutInterceptor.class,
      CacheRemoveInterceptor.class, CacheRemoveAllInterceptor.class, CacheInterceptionRuntime.class,
      JCacheProducers.class);

  /** Offered only with {@code tiffin-api} present: the extension itself needs nothing beyond javax.cache. */
  private static final String TIFFIN_PRODUCERS = "dev.tiffin.cdi.inject.TiffinProducers";
  private static final String TIFFIN_API = "dev.tiffin.api.TiffinCache";

  private final List<Throwable> definitionErrors = new ArrayList<>();

  void declareBindingsAndBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    for (Class<? extends Annotation> binding : CacheDeclaration.CACHE_ANNOTATIONS) {
      event.configureInterceptorBinding(binding).methods().forEach(m -> m.add(Nonbinding.Literal.INSTANCE));
    }
    for (Class<?> type : OWN_BEANS) {
      // Added as finished AnnotatedTypes: Weld then fires ProcessSyntheticAnnotatedType for them,
      // which is how skipScannedCopies tells them from scanned copies.
      event.addAnnotatedType(beanManager.createAnnotatedType(type), type.getName());
    }
    Class<?> tiffinProducers = tiffinProducers();
    if (tiffinProducers != null) {
      event.addAnnotatedType(beanManager.createAnnotatedType(tiffinProducers), TIFFIN_PRODUCERS);
    }
  }

  private static Class<?> tiffinProducers() {
    ClassLoader loader = TiffinCacheExtension.class.getClassLoader();
    try {
      Class.forName(TIFFIN_API, false, loader);
      return Class.forName(TIFFIN_PRODUCERS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** Drops copies of our own classes found by scanning; the ones added above are the beans. */
  <T> void skipScannedCopies(
      @Observes @WithAnnotations({Interceptor.class, ApplicationScoped.class, Produces.class})
      ProcessAnnotatedType<T> event) {
    Class<?> type = event.getAnnotatedType().getJavaClass();
    if (!(event instanceof ProcessSyntheticAnnotatedType)
        && (OWN_BEANS.contains(type) || type.getName().equals(TIFFIN_PRODUCERS))) {
      event.veto();
    }
  }

  /** Reports misused annotations at deployment rather than at the first call. */
  <T> void checkDeclarations(
      @Observes @WithAnnotations({CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class})
      ProcessAnnotatedType<T> event) {
    AnnotatedType<T> type = event.getAnnotatedType();
    if (OWN_BEANS.contains(type.getJavaClass())) {
      return;
    }
    for (AnnotatedMethod<? super T> method : type.getMethods()) {
      Method member = method.getJavaMember();
      if (member.getDeclaringClass() == Object.class || member.isSynthetic()
          || Modifier.isStatic(member.getModifiers()) || Modifier.isPrivate(member.getModifiers())) {
        continue; // never intercepted
      }
      try {
        CacheDeclaration.of(member, type.getJavaClass());
      } catch (RuntimeException e) {
        definitionErrors.add(new DefinitionException(e.getMessage(), e));
      }
    }
  }

  void reportDefinitionErrors(@Observes AfterBeanDiscovery event) {
    definitionErrors.forEach(event::addDefinitionError);
    definitionErrors.clear();
  }
}
