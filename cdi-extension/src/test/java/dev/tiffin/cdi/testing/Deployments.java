package dev.tiffin.cdi.testing;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** Test archives: the given classes in a bean archive with discovery mode {@code annotated}, as most apps have. */
public final class Deployments {

  private static final String BEANS_XML = """
      <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
      """;

  private Deployments() {
  }

  /** An archive of {@code classes}; the extension itself comes from the class path, as in an application. */
  public static JavaArchive archive(Class<?>... classes) {
    return ShrinkWrap.create(JavaArchive.class, "test.jar")
        .addClasses(classes)
        .addClasses(TestCaches.class, Deployments.class, Waiting.class)
        .addAsManifestResource(new StringAsset(BEANS_XML), "beans.xml");
  }
}
