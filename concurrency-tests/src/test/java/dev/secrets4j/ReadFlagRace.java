package dev.secrets4j;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The racy "read since the last tick" flag ({@code Entry.touched}, plain on purpose): a hit sets it only when it is
 * clear, the tick takes and clears it to report reads to the size bound. The entry was read since the last tick
 * (flag set); now a reader hits it while the tick takes the flag. When the reader sees the flag still set, it leaves
 * it, and the tick clears it: this read is reported with the earlier one (the lost update), and the next tick sees
 * none, so eviction bookkeeping learns of it one tick late at worst. The value the reader gets never depends on it.
 * r1: the version read (always 1); r2: the flag after both (1 set, 0 clear).
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the read came after the tick took the flag: the next tick reports it")
@Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING,
    desc = "the read saw the flag still set and left it; the tick cleared it: reported with the earlier read")
@Outcome(expect = FORBIDDEN, desc = "the read got no value, or a wrong one")
@State
public class ReadFlagRace {
  private final ManualResolver r;
  private final Entry entry;

  public ReadFlagRace() {
    r = new ManualResolver(RaceValues.store("api"));
    r.secrets.get("api"); // the load
    r.tickNow(); // takes any flag
    r.secrets.get("api"); // a hit: the flag is set
    entry = r.entry("api");
  }

  @Actor
  public void reader(II_Result out) {
    out.r1 = RaceValues.versionOf(r.secrets.get("api").asString());
  }

  @Actor
  public void maintenance() {
    r.tickNow(); // same time: nothing due, only the read report
  }

  @Arbiter
  public void after(II_Result out) {
    out.r2 = entry.touched ? 1 : 0;
  }
}
