package dev.tiffin.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the cache of this name from the default {@code CacheManager}, creating it when absent:
 * {@code @Inject @NamedCache("users") Cache<String, User> users;}.
 *
 * <p>A cache created here gets the injection point's key and value types when they are plain classes.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface NamedCache {

  /** The cache name; not a binding member, so one producer serves every name. */
  @Nonbinding
  String value();

  /** A {@code NamedCache} instance, for programmatic lookup. */
  final class Literal extends AnnotationLiteral<NamedCache> implements NamedCache {

    private static final long serialVersionUID = 1L;

    private final String value;

    private Literal(String value) {
      this.value = value;
    }

    /** The qualifier for the cache called {@code name}. */
    public static Literal of(String name) {
      return new Literal(name);
    }

    @Override
    public String value() {
      return value;
    }
  }
}
