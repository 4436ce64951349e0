package dev.tiffin.cdi.inject;

import dev.tiffin.cdi.NamedCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.cache.Cache;

/** Takes a named cache through its constructor, as application code would. */
@ApplicationScoped
public class UserDirectory {

  private Cache<String, Integer> ages;

  protected UserDirectory() {
  }

  @Inject
  public UserDirectory(@NamedCache("user-ages") Cache<String, Integer> ages) {
    this.ages = ages;
  }

  public void remember(String user, int age) {
    ages.put(user, age);
  }

  public Integer age(String user) {
    return ages.get(user);
  }
}
