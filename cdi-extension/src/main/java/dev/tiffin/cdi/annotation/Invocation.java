package dev.tiffin.cdi.annotation;

import java.util.Objects;

/**
 * One intercepted call, independent of the interception framework.
 *
 * @param target the object the method was invoked on
 * @param arguments the call's arguments, not copied
 * @param nativeContext the framework's own invocation object, reachable through
 *     {@link javax.cache.annotation.CacheInvocationContext#unwrap(Class)}; may be null
 * @param proceed continues the interceptor chain
 */
public record Invocation(Object target, Object[] arguments, Object nativeContext, Proceed proceed) {

  /** Checks the parts every call has. */
  public Invocation {
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(proceed, "proceed");
  }
}
