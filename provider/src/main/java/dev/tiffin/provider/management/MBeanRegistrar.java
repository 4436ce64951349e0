package dev.tiffin.provider.management;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Registers a cache's MXBeans in the platform MBean server under the names the specification gives. */
public final class MBeanRegistrar {

  /** The two kinds of cache MXBean. */
  public enum Kind { CacheConfiguration, CacheStatistics }

  private MBeanRegistrar() {
  }

  /** Registers {@code bean} unless a bean of that name is already there. */
  public static void register(Object bean, Kind kind, String managerUri, String cacheName) {
    ObjectName name = objectName(kind, managerUri, cacheName);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (Exception e) {
      throw new CacheException("Could not register MXBean " + name + ": " + e.getMessage(), e);
    }
  }

  /** Unregisters the bean of that name, if any. */
  public static void unregister(Kind kind, String managerUri, String cacheName) {
    ObjectName name = objectName(kind, managerUri, cacheName);
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // Already gone: unregistering is idempotent.
    } catch (Exception e) {
      throw new CacheException("Could not unregister MXBean " + name + ": " + e.getMessage(), e);
    }
  }

  /** {@code javax.cache:type=<kind>,CacheManager=<uri>,Cache=<name>}, with unsafe characters replaced. */
  public static ObjectName objectName(Kind kind, String managerUri, String cacheName) {
    try {
      return new ObjectName("javax.cache:type=" + kind + ",CacheManager=" + safe(managerUri) + ",Cache=" + safe(cacheName));
    } catch (MalformedObjectNameException e) {
      throw new CacheException("No valid MXBean name for cache " + cacheName + " of " + managerUri, e);
    }
  }

  private static String safe(String part) {
    return part == null ? "" : part.replaceAll("[,:=\n]", ".");
  }
}
