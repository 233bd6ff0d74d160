package dev.secrets4j;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A field read ({@code api-json#password}) racing a rotation of its parent: the field entry reads its parent's
 * {@code Loaded} and takes the field from that version's own cache (parsing it on the first read of the version).
 * The reader reads the parent, then the field. The field's version id and value come from one version; and a field
 * read after the parent was seen at version 2 is of version 2 too (reads do not go back).
 * r1: the parent's version; r2: the field's version id; r3: the version the field's value names.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "both reads before the install")
@Outcome(id = "1, 2, 2", expect = ACCEPTABLE_INTERESTING, desc = "the install landed between the two reads")
@Outcome(id = "2, 2, 2", expect = ACCEPTABLE, desc = "both reads after the install")
@Outcome(id = "2, 1, 1", expect = FORBIDDEN, desc = "the field went back to the version before its parent's")
@Outcome(expect = FORBIDDEN, desc = "a field's id and value from two versions, or a torn value")
@State
public class FieldRotationRace {
  private static final String PARENT = "api-json";
  private static final String FIELD = "api-json#password";
  private final ManualResolver r;

  public FieldRotationRace() {
    r = new ManualResolver(RaceValues.store("api"));
    r.secrets.get(FIELD); // the parent loads, the field entry and version 1's field are made
    r.store.put(PARENT, RaceValues.json(2));
  }

  @Actor
  public void maintenance() {
    r.tick(); // the parent's refresh installs version 2
  }

  @Actor
  public void reader(III_Result out) {
    out.r1 = RaceValues.versionOfId(r.secrets.get(PARENT).versionId());
    Secret field = r.secrets.get(FIELD);
    out.r2 = RaceValues.versionOfId(field.versionId());
    out.r3 = RaceValues.versionOf(field.asString());
  }
}
