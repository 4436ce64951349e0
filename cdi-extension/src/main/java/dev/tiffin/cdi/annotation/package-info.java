/**
 * Framework-neutral support for the JSR-107 {@code javax.cache.annotation} annotations: per-method
 * metadata computed once, key generation, cache resolution and the four cache operations.
 *
 * <p>Nothing here depends on CDI; the thin interceptors in {@code dev.tiffin.cdi.interceptor} adapt
 * a Jakarta {@code InvocationContext} to an {@link dev.tiffin.cdi.annotation.Invocation}.
 */
package dev.tiffin.cdi.annotation;
