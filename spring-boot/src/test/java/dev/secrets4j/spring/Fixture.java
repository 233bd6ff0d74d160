package dev.secrets4j.spring;

import dev.secrets4j.test.FakeTicker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A dotenv store in a temporary folder, a ticker that moves when told, and the resolver's maintenance tick in the
 * test's hands: a rotation is seen without sleeping.
 */
final class Fixture {
  final FakeTicker ticker = new FakeTicker();
  final AtomicReference<Runnable> tick = new AtomicReference<>();
  final Path dotenv;
  private final List<String> baseArgs = new ArrayList<>();

  Fixture(Path folder) {
    this.dotenv = folder.resolve("development.env");
    baseArgs.add("--spring.secrets4j.environment=development");
    baseArgs.add("--spring.secrets4j.source=file:" + dotenv.toAbsolutePath());
    baseArgs.add("--spring.main.banner-mode=off");
  }

  /** Writes the store atomically (write, then rename), as an operator would. */
  Fixture write(String... lines) {
    try {
      Path tmp = dotenv.resolveSibling(dotenv.getFileName() + ".tmp");
      Files.write(tmp, List.of(lines));
      Files.move(tmp, dotenv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves time past the refresh interval and runs one maintenance tick (refreshes run on the tick's thread). */
  void advance(Duration d) {
    ticker.advance(d);
    tick.get().run();
  }

  SpringApplicationBuilder app(Class<?> source, WebApplicationType web) {
    return new SpringApplicationBuilder(source).web(web)
        .addBootstrapRegistryInitializer(registry -> registry.register(SecretsBuilderCustomizer.class,
            InstanceSupplier.of(b -> b.ticker(ticker).clock(ticker.clock()).executor(Runnable::run)
                .auditFailClosed().manualMaintenance(tick::set))));
  }

  ConfigurableApplicationContext run(Class<?> source, String... args) {
    return run(source, WebApplicationType.NONE, args);
  }

  ConfigurableApplicationContext run(Class<?> source, WebApplicationType web, String... args) {
    List<String> all = new ArrayList<>(baseArgs);
    all.addAll(List.of(args));
    return app(source, web).run(all.toArray(String[]::new));
  }
}
