package dev.secrets4j.spring;

import dev.secrets4j.Manifest;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.bootstrap.BootstrapContextClosedEvent;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The one resolver of an application and what travels with it (the property index, the read counter, the
 * settings). Built at the first {@code secrets4j:} import, kept in the bootstrap context while the configuration
 * loads, then registered as beans; the resolver is closed with the application context.
 */
final class SecretsRuntime {
  static final String BEAN_NAME = "secrets4j";
  static final String RUNTIME_BEAN_NAME = "secrets4jRuntime";

  private final Secrets secrets;
  private final SpringSettings settings;
  private final PropertyIndex index = new PropertyIndex();
  private final ReadCounter readCounter;

  private SecretsRuntime(Secrets secrets, SpringSettings settings, ReadCounter readCounter) {
    this.secrets = secrets;
    this.settings = settings;
    this.readCounter = readCounter;
  }

  /** Whether anything configures a resolver: a configuration file, or a source in {@code spring.secrets4j}. */
  static boolean isConfigured(Binder binder, ClassLoader loader) {
    return configFile(loader) || SpringSettings.from(binder).hasSource();
  }

  /** The application's runtime, built and registered at the first call. */
  static SecretsRuntime obtain(ConfigurableBootstrapContext bootstrap, Binder binder) {
    if (!bootstrap.isRegistered(SecretsRuntime.class)) {
      SecretsRuntime runtime = create(bootstrap, binder);
      bootstrap.register(SecretsRuntime.class, InstanceSupplier.of(runtime));
      bootstrap.register(Secrets.class, InstanceSupplier.of(runtime.secrets));
      bootstrap.addCloseListener(SecretsRuntime::promote);
    }
    return bootstrap.get(SecretsRuntime.class);
  }

  private static SecretsRuntime create(ConfigurableBootstrapContext bootstrap, Binder binder) {
    SpringSettings settings = SpringSettings.from(binder);
    SecretsBuilder builder = configFile(SecretsRuntime.class.getClassLoader())
        ? Secrets.builderFromConfig() : Secrets.builder();
    settings.applyTo(builder);
    ReadCounter counter = new ReadCounter();
    builder.auditHook(counter);
    if (bootstrap.isRegistered(SecretsBuilderCustomizer.class)) {
      bootstrap.get(SecretsBuilderCustomizer.class).customize(builder);
    }
    Secrets secrets = builder.build();
    SecretsRuntime runtime = new SecretsRuntime(secrets, settings, counter);
    Manifest required = settings.required();
    if (required != null) {
      runtime.validate(required, "spring.secrets4j.require");
    }
    return runtime;
  }

  /** Validates {@code manifest}; on failure closes the resolver and throws with the report. */
  void validate(Manifest manifest, String what) {
    Manifest.Report report = secrets.validate(manifest);
    if (!report.isValid()) {
      secrets.close();
      throw new SecretsSetupException("secrets of " + what + " are not all usable in " + secrets.environment(),
          secrets.detection(), report, "Add the missing secrets to " + secrets.sourceId()
              + ", or check that the environment is the one you meant", null);
    }
  }

  /** Fails the start-up: closes the resolver, then throws {@code failure}. */
  RuntimeException abort(RuntimeException failure) {
    secrets.close();
    return failure;
  }

  private static void promote(BootstrapContextClosedEvent event) {
    SecretsRuntime runtime = event.getBootstrapContext().get(SecretsRuntime.class);
    ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
    beans.registerSingleton(BEAN_NAME, runtime.secrets);
    beans.registerSingleton(RUNTIME_BEAN_NAME, runtime);
    if (beans instanceof DefaultSingletonBeanRegistry registry) {
      registry.registerDisposableBean(BEAN_NAME, runtime.secrets::close);
    }
  }

  private static boolean configFile(ClassLoader loader) {
    String path = System.getProperty("secrets4j.config");
    if (path == null || path.isBlank()) {
      path = System.getenv("SECRETS4J_CONFIG");
    }
    if (path != null && !path.isBlank()) {
      return true; // a named file that does not exist is reported by core, naming it
    }
    return loader.getResource("secrets4j.properties") != null;
  }

  Secrets secrets() {
    return secrets;
  }

  SpringSettings settings() {
    return settings;
  }

  PropertyIndex index() {
    return index;
  }

  ReadCounter readCounter() {
    return readCounter;
  }
}
