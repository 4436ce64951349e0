package dev.tiffin.provider.near;

import dev.tiffin.spi.ByteStore;
import java.util.function.Consumer;

/** What a cache's writes go through on their way to the layer that announces them: nothing, or write-behind. */
@FunctionalInterface
public interface WritePath {

  /** Writes go straight to the announcer. */
  WritePath DIRECT = (announcer, forget) -> announcer;

  /**
   * The layer over {@code announcer}; {@code forget} drops this JVM's copy of a key whose write the store
   * refused after the layer had let the writer go on.
   */
  ByteStore over(ByteStore announcer, Consumer<byte[]> forget);
}
