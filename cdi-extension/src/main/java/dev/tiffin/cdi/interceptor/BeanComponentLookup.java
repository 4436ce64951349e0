package dev.tiffin.cdi.interceptor;

import dev.tiffin.cdi.annotation.ComponentLookup;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds resolver factories and key generators as CDI beans when the application has one, else
 * creates them with their no-argument constructor; one instance per type.
 */
final class BeanComponentLookup implements ComponentLookup {

  private final BeanManager beanManager;
  private final ConcurrentHashMap<Class<?>, Object> instances = new ConcurrentHashMap<>();
  private final List<CreationalContext<?>> dependents = new CopyOnWriteArrayList<>();

  BeanComponentLookup(BeanManager beanManager) {
    this.beanManager = beanManager;
  }

  @Override
  public <T> T instance(Class<T> type) {
    return type.cast(instances.computeIfAbsent(type, this::create));
  }

  private Object create(Class<?> type) {
    Set<Bean<?>> beans = beanManager.getBeans(type);
    Bean<?> bean = beans.isEmpty() ? null : beanManager.resolve(beans);
    if (bean == null) {
      return ComponentLookup.construct(type);
    }
    CreationalContext<?> context = beanManager.createCreationalContext(bean);
    dependents.add(context);
    return beanManager.getReference(bean, type, context);
  }

  /** Destroys the dependent beans this lookup created. */
  void release() {
    dependents.forEach(CreationalContext::release);
    dependents.clear();
    instances.clear();
  }
}
