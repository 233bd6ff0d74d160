package dev.secrets4j;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A reader racing the max-stale expiry: the store has failed since the last good value, which the tick now finds
 * older than maxStale and expires (a volatile flag the hit path reads). A reader reads twice. Each read gives the
 * last good value (1) or is refused (0); once a read was refused, a later read of the same thread must not serve
 * the expired value again.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both reads before the expiry: the last good value, stale")
@Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING, desc = "the expiry landed between the two reads")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "both reads after the expiry: refused")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "an expired value served again after a refusal")
@Outcome(expect = FORBIDDEN, desc = "a torn value, another exception")
@State
public class ExpiryRace {
  private final ManualResolver r;

  public ExpiryRace() {
    r = new ManualResolver(RaceValues.store("api"));
    r.secrets.get("api");
    r.store.fail();
    r.tick(); // the refresh fails: the last good value is served stale
  }

  @Actor
  public void maintenance() {
    r.tick(); // two steps since the last success, more than maxStale: expired
  }

  @Actor
  public void reader(II_Result out) {
    out.r1 = read();
    out.r2 = read();
  }

  private int read() {
    try {
      return RaceValues.versionOf(r.secrets.get("api").asString());
    } catch (SecretUnavailableException refused) {
      return 0;
    }
  }
}
