package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import javax.cache.annotation.CachePut;

/** A {@code @CachePut} without a {@code @CacheValue}: the deployment must fail. */
@ApplicationScoped
public class MisusedAnnotations {

  @CachePut(cacheName = "nowhere")
  public void save(String id) {
  }
}
