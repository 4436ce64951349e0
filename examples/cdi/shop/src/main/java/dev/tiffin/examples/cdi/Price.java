package dev.tiffin.examples.cdi;

import java.io.Serializable;

/** The application's value: what {@link PriceService} computes and the caches keep. */
public record Price(String sku, long cents) implements Serializable {
}
