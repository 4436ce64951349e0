package dev.tiffin.provider.codec;

import dev.tiffin.spi.CorruptValueException;

/** A serialized value naming a class the allow-list does not trust; read as absent. */
final class RefusedClassException extends CorruptValueException {

  private final String className;

  RefusedClassException(String className, Throwable cause) {
    super("class " + className + " is not on the allow-list", cause);
    this.className = className;
  }

  /** The refused class (the component type for an array). */
  String className() {
    return className;
  }
}
