package dev.tiffin.cdi.interceptor;

import dev.tiffin.cdi.testing.Deployments;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Misused annotations fail the deployment instead of the first call. */
@ExtendWith(ArquillianExtension.class)
class DeploymentValidationTest {

  @Deployment
  @ShouldThrowException(DefinitionException.class)
  static JavaArchive deployment() {
    return Deployments.archive(MisusedAnnotations.class);
  }

  @Test
  void deploymentFails() {
    // Arquillian verifies the expected deployment exception.
  }
}
