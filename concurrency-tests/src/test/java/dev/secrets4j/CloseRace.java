package dev.secrets4j;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * KNOWN FAILURE (core bug, left out of the default run; see the module README): a reader racing {@code close()}.
 * Close zeroes every value the resolver handed out; a reader must then get the whole value (it read before) or a
 * refusal ({@link IllegalStateException}), never a value zeroed under it. Today {@code Secret.asString()} checks the
 * destroyed flag before it copies the bytes and not after, so a copy that overlaps the zeroing returns a string of
 * NUL characters (or half of one): the FORBIDDEN outcome -1.
 */
@JCStressTest
@Outcome(id = "1", expect = ACCEPTABLE, desc = "read before the close: the whole value")
@Outcome(id = "0", expect = ACCEPTABLE_INTERESTING, desc = "refused: the resolver or the value was closed")
@Outcome(expect = FORBIDDEN, desc = "a value zeroed (wholly or partly) while it was read")
@State
public class CloseRace {
  private final ManualResolver r;

  public CloseRace() {
    r = new ManualResolver(RaceValues.store("api"));
    r.secrets.get("api");
  }

  @Actor
  public void closer() {
    r.secrets.close();
  }

  @Actor
  public void reader(I_Result out) {
    try {
      out.r1 = RaceValues.versionOf(r.secrets.get("api").asString());
    } catch (IllegalStateException refused) {
      out.r1 = 0;
    }
  }
}
