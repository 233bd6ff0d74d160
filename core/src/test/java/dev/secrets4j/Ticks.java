package dev.secrets4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The maintenance ticks of the resolvers a test builds, taken through the public seam
 * {@link SecretsBuilder#manualMaintenance(Consumer)}; {@link #run()} ticks every one of them (a closed one does
 * nothing).
 */
final class Ticks implements Consumer<Runnable> {
  private final List<Runnable> ticks = new CopyOnWriteArrayList<>();

  @Override
  public void accept(Runnable tick) {
    ticks.add(tick);
  }

  /** One maintenance tick of every resolver built so far. */
  void run() {
    ticks.forEach(Runnable::run);
  }
}
