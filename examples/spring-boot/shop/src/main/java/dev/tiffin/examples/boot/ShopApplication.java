package dev.tiffin.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/** A price catalogue whose prices are cached; the cache is whatever JCache provider is on the class path. */
@SpringBootApplication
@EnableCaching
public class ShopApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
