package dev.tiffin.config;

import java.util.Objects;

/** A credential that never shows itself: {@code toString} prints a mask, so logs and errors stay clean. */
public final class Secret {

  private final String value;

  /** Wraps a non-null credential. */
  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The credential itself, for handing to a client library and nowhere else. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "****";
  }
}
