package dev.secrets4j.hikari;

import java.time.Duration;

/**
 * How long a refused login is retried: {@code rounds} rounds after the first refusal, with a pause before each
 * that starts at {@code initialPause} and doubles up to {@code maxPause}.
 */
final class LoginRetry {
  /** Waits between two rounds; tests replace it so that no test sleeps. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration d) throws InterruptedException;
  }

  static final Pause SLEEP = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

  static final LoginRetry DEFAULT = new LoginRetry(6, Duration.ofMillis(250), Duration.ofSeconds(4), SLEEP);

  private final int rounds;
  private final Duration initialPause;
  private final Duration maxPause;
  private final Pause pause;

  LoginRetry(int rounds, Duration initialPause, Duration maxPause, Pause pause) {
    this.rounds = rounds;
    this.initialPause = initialPause;
    this.maxPause = maxPause;
    this.pause = pause;
  }

  int rounds() {
    return rounds;
  }

  Pause pause() {
    return pause;
  }

  LoginRetry withPause(Pause other) {
    return new LoginRetry(rounds, initialPause, maxPause, other);
  }

  /** The pause before round {@code round} (1-based): none before the first, then doubling, capped. */
  Duration pauseBefore(int round) {
    if (round <= 1) {
      return Duration.ZERO;
    }
    Duration d = initialPause;
    for (int i = 2; i < round && d.compareTo(maxPause) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxPause) > 0 ? maxPause : d;
  }

  /** The most time all pauses add up to: the retry budget beyond the logins themselves. */
  Duration budget() {
    Duration total = Duration.ZERO;
    for (int r = 1; r <= rounds; r++) {
      total = total.plus(pauseBefore(r));
    }
    return total;
  }

  @Override
  public String toString() {
    return rounds + " rounds, pauses " + initialPause + " doubling to " + maxPause;
  }
}
