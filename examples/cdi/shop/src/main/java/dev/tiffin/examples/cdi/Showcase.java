package dev.tiffin.examples.cdi;

import dev.tiffin.cdi.NamedCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import javax.cache.Cache;

/** Keeps the featured products' prices in a cache it uses directly, injected by name. */
@ApplicationScoped
public class Showcase {

  @Inject
  @NamedCache("featured")
  Cache<String, Price> featured;

  @Inject
  PriceService prices;

  /** Features a product at its current price. */
  public void feature(String sku) {
    featured.put(sku, prices.price(sku));
  }

  public Optional<Price> featuredPrice(String sku) {
    return Optional.ofNullable(featured.get(sku));
  }
}
