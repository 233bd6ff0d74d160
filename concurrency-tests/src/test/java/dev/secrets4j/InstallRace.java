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
 * A reader racing the install of a rotated version: the refresh of the maintenance tick publishes a new
 * {@code Loaded} (through the entry's volatile field) while a reader takes the hit path, which takes no lock. The
 * reader must see one whole version: its id and its bytes from the same version, never one's id with the other's
 * value, never a value half written.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "read before the install: version 1, its own value")
@Outcome(id = "2, 2", expect = ACCEPTABLE_INTERESTING, desc = "read after the install: version 2, its own value")
@Outcome(expect = FORBIDDEN, desc = "a version id with another version's value, or a torn value")
@State
public class InstallRace {
  private final ManualResolver r;

  public InstallRace() {
    r = new ManualResolver(RaceValues.store("api"));
    r.secrets.get("api");
    r.store.put("api", RaceValues.value(2));
  }

  @Actor
  public void maintenance() {
    r.tick(); // refresh due: the cheap check sees v2, fetches and installs it
  }

  @Actor
  public void reader(II_Result out) {
    Secret s = r.secrets.get("api");
    out.r1 = RaceValues.versionOfId(s.versionId());
    out.r2 = RaceValues.versionOf(s.asString());
  }
}
