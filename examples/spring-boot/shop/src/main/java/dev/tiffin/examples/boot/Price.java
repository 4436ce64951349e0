package dev.tiffin.examples.boot;

import java.io.Serializable;
import java.math.BigDecimal;

/** An application value class: nothing tells Tiffin about it. */
public record Price(String sku, BigDecimal amount) implements Serializable {
}
