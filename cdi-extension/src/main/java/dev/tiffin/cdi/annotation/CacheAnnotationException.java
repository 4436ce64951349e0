package dev.tiffin.cdi.annotation;

import javax.cache.CacheException;

/** A JSR-107 caching annotation is used in a way the spec does not allow. */
public class CacheAnnotationException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the offending method. */
  public CacheAnnotationException(String message) {
    super(message);
  }
}
