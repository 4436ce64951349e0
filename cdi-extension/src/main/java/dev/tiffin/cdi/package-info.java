/**
 * Tiffin's Jakarta CDI 4 extension: the JSR-107 caching annotations as interceptors and JCache
 * injection ({@link dev.tiffin.cdi.NamedCache}), over any JCache provider.
 */
package dev.tiffin.cdi;
