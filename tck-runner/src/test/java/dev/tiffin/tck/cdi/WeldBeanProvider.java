package dev.tiffin.tck.cdi;

import dev.tiffin.cdi.TiffinCacheExtension;
import javax.cache.annotation.BeanProvider;
import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Gives the TCK annotation tests ({@code org.jsr107.tck.annotation.*Test}) their beans from a Weld SE
 * container running Tiffin's CDI extension.
 *
 * <p>The {@code manager.*} beans of {@code javax.cache:cache-tests} come with a beans.xml in the old
 * {@code java.sun.com} namespace that Weld 6 does not scan as we need, so discovery is off and the
 * three bean classes are added explicitly. The container starts once, on first use, and Weld SE
 * shuts it down with the JVM.
 */
public class WeldBeanProvider implements BeanProvider {

  private static final class Container {
    static final WeldContainer INSTANCE = new Weld("tiffin-tck-annotations")
        .disableDiscovery()
        .addExtension(new TiffinCacheExtension())
        .addBeanClasses(
            CacheNameOnEachMethodBlogManagerImpl.class,
            ClassLevelCacheConfigBlogManagerImpl.class,
            UsingDefaultCacheNameBlogManagerImpl.class)
        .initialize();
  }

  @Override
  public <T> T getBeanByType(Class<T> beanClass) {
    return Container.INSTANCE.select(beanClass).get();
  }
}
