package dev.secrets4j;

import dev.secrets4j.Manifest.Report.Kind;
import dev.secrets4j.Manifest.Report.Problem;
import dev.secrets4j.Manifest.Report.Rotation;
import dev.secrets4j.Manifest.Report.Severity;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a manifest against a resolver: every problem at once, no value anywhere. */
final class Validator {
  static final AccessContext PREFLIGHT = AccessContext.of("secrets4j", "preflight-validation");

  private Validator() {}

  static Manifest.Report validate(Resolver secrets, Manifest manifest) {
    Environment env = secrets.environment();
    List<Problem> problems = new ArrayList<>();
    List<Rotation> rotation = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    GuardOptions.RotationPolicy policy = secrets.settings().rotationPolicy;
    GuardOptions.Mode overdueMode = secrets.settings().overdueRotation;
    List<Manifest.Item> items = manifest.itemsFor(env);
    for (Manifest.Item item : items) {
      String name = item.name();
      Severity missingSeverity = item.required() ? Severity.ERROR : Severity.WARNING;
      try {
        Secret s = secrets.get(name, PREFLIGHT);
        if (s.length() == 0 || s.asString().isBlank()) {
          problems.add(new Problem(name, Kind.EMPTY, missingSeverity, "the value is empty (version " + s.versionId() + ")"));
        }
      } catch (SecretNotFoundException e) {
        if (item.required()) {
          problems.add(new Problem(name, Kind.MISSING, Severity.ERROR, "not found in " + secrets.sourceId()));
        } else {
          absent.add(name);
        }
        continue;
      } catch (SecretAccessDeniedException e) {
        problems.add(new Problem(name, Kind.DENIED, missingSeverity, e.getMessage()));
        continue;
      } catch (EnvironmentViolationException e) {
        problems.add(new Problem(name, Kind.REFUSED, Severity.ERROR, e.getMessage()));
        continue;
      } catch (SecretUnavailableException | SecretConfigurationException e) {
        problems.add(new Problem(name, Kind.UNAVAILABLE, missingSeverity, e.getMessage()));
        continue;
      } catch (IllegalStateException e) {
        throw e; // the resolver is closed: nothing to validate with
      } catch (SecretException | IllegalArgumentException e) {
        problems.add(new Problem(name, Kind.UNAVAILABLE, missingSeverity, e.getMessage()));
        continue;
      } catch (RuntimeException e) {
        // whatever went wrong, the report still comes back; an unknown exception's message is not trusted
        problems.add(new Problem(name, Kind.UNAVAILABLE, missingSeverity, "reading it failed with "
            + e.getClass().getName()));
        continue;
      }
      String base = SecretNames.base(name);
      Optional<SecretMetadata> md;
      try {
        md = secrets.source().metadata(base);
      } catch (SecretSourceException e) {
        problems.add(new Problem(name, Kind.UNAVAILABLE, Severity.WARNING, "metadata unavailable: " + e.getMessage()));
        continue;
      } catch (RuntimeException e) {
        problems.add(new Problem(name, Kind.UNAVAILABLE, Severity.WARNING, "metadata unavailable: "
            + e.getClass().getName()));
        continue;
      }
      Rotation r = RotationAge.of(policy, name, base, md, secrets.clock().instant());
      rotation.add(r);
      if (r.overdue() && overdueMode != GuardOptions.Mode.OFF) {
        Severity sev = env.isProduction() && overdueMode == GuardOptions.Mode.REFUSE ? Severity.ERROR : Severity.WARNING;
        problems.add(new Problem(name, Kind.ROTATION_OVERDUE, sev, "last rotated " + r.age().get().toDays() + " days ago; the "
            + r.category().orElse("?") + " limit is " + r.maxAge().get().toDays() + " days (" + r.daysOverdue()
            + " days overdue)"));
      }
    }
    return new Manifest.Report(env, secrets.sourceId(), manifest.origin(), items.size(), problems, rotation, absent);
  }
}
