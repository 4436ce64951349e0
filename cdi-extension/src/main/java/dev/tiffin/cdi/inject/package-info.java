/** Producers for injecting the JCache {@code CachingProvider}, {@code CacheManager} and named caches. */
package dev.tiffin.cdi.inject;
