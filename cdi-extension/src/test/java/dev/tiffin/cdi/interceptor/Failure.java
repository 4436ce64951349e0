package dev.tiffin.cdi.interceptor;

import java.io.IOException;

/** Makes test methods fail on demand: "io" throws a checked exception, "state" an unchecked one. */
final class Failure {

  private Failure() {
  }

  static void raise(String failure) throws IOException {
    switch (failure) {
      case "io" -> throw new IOException("io failure");
      case "state" -> throw new IllegalStateException("state failure");
      default -> { }
    }
  }
}
