package dev.secrets4j.spring;

import java.lang.reflect.Constructor;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Turns the resolver's rotations into Spring: the changed properties are rebound (spring-cloud-context's
 * {@code EnvironmentChangeEvent} for exactly those keys when it is present, else {@link PropertiesRebinder}), then
 * a {@link SecretRotatedEvent} is published. Uses the resolver's own refresh: nothing here polls.
 */
final class RotationPublisher implements SmartInitializingSingleton {
  static final String CLOUD_EVENT = "org.springframework.cloud.context.environment.EnvironmentChangeEvent";
  private static final Logger LOG = LoggerFactory.getLogger("secrets4j.spring");

  private final SecretsRuntime runtime;
  private final ConfigurableApplicationContext context;
  private final PropertiesRebinder rebinder;
  private final Constructor<?> cloudEvent;

  RotationPublisher(SecretsRuntime runtime, ConfigurableApplicationContext context) {
    this.runtime = runtime;
    this.context = context;
    this.rebinder = new PropertiesRebinder(context);
    this.cloudEvent = cloudEventConstructor(context.getClassLoader());
  }

  @Override
  public void afterSingletonsInstantiated() {
    runtime.secrets().onRotation(this::rotated);
  }

  void rotated(String secretName, String previousVersionId, String currentVersionId) {
    if (!context.isActive()) {
      return;
    }
    Set<String> direct = runtime.index().propertiesOf(secretName);
    Set<String> changed = AffectedProperties.of(context.getEnvironment(), direct);
    if (!changed.isEmpty()) {
      if (cloudEvent != null) {
        context.publishEvent(newCloudEvent(changed));
      } else {
        rebinder.rebind(changed);
      }
    }
    LOG.info("secret '{}' rotated ({} -> {}); properties changed: {}", secretName, previousVersionId,
        currentVersionId, changed);
    context.publishEvent(new SecretRotatedEvent(context, secretName, previousVersionId, currentVersionId, changed));
  }

  private Object newCloudEvent(Set<String> keys) {
    try {
      return cloudEvent.newInstance(context, keys);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + CLOUD_EVENT, e);
    }
  }

  private static Constructor<?> cloudEventConstructor(ClassLoader loader) {
    if (!ClassUtils.isPresent(CLOUD_EVENT, loader)) {
      return null;
    }
    try {
      return ClassUtils.forName(CLOUD_EVENT, loader).getConstructor(Object.class, Set.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }
}
