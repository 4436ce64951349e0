package dev.tiffin.cdi.annotation;

/** Runs the intercepted method (or the next interceptor in the chain). */
@FunctionalInterface
public interface Proceed {

  /** Invokes the intercepted method and returns its result. */
  Object proceed() throws Exception;
}
