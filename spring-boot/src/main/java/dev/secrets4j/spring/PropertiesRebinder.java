package dev.secrets4j.spring;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rebinds, in place, the {@code @ConfigurationProperties} beans whose prefix covers a changed property, when
 * spring-cloud-context is not on the class path (with it, its own rebinder does this on the
 * {@code EnvironmentChangeEvent} that is published instead). JavaBean-style beans (setters) are rebound; a
 * constructor-bound bean (a record, {@code @ConstructorBinding}) cannot change and keeps its value, with a warning
 * naming it.
 */
final class PropertiesRebinder {
  private static final Logger LOG = LoggerFactory.getLogger("secrets4j.spring");

  private final ConfigurableApplicationContext context;

  PropertiesRebinder(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Rebinds the beans covering {@code changed}; returns the names of the beans rebound. */
  List<String> rebind(Set<String> changed) {
    List<ConfigurationPropertyName> names = changed.stream().map(n -> ConfigurationPropertyName.adapt(n, '.'))
        .toList();
    Binder binder = Binder.get(context.getEnvironment());
    Collection<ConfigurationPropertiesBean> beans = ConfigurationPropertiesBean.getAll(context).values();
    List<String> rebound = new java.util.ArrayList<>();
    for (ConfigurationPropertiesBean bean : beans) {
      String prefix = bean.getAnnotation().prefix().isEmpty() ? bean.getAnnotation().value()
          : bean.getAnnotation().prefix();
      ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
      if (names.stream().noneMatch(n -> root.equals(n) || root.isAncestorOf(n))) {
        continue;
      }
      Bindable<?> target = bean.asBindTarget();
      if (target.getBindMethod() == BindMethod.VALUE_OBJECT || target.getValue() == null) {
        LOG.warn("@ConfigurationProperties bean '{}' is constructor-bound and keeps its values after a rotation of "
            + "{}; give it setters to be rebound, or read the property when needed", bean.getName(), changed);
        continue;
      }
      binder.bind(prefix, target);
      rebound.add(bean.getName());
    }
    return rebound;
  }
}
