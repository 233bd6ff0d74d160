package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.TestSources.RecordingHook;
import dev.secrets4j.internal.Text;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One audit event is exactly one line that parses back to its fields, whatever names and contexts hold. */
class AuditLineFuzzTest {
  private static final String PRINTABLE = "ab-_.#/=\" \\é€😀xyz";
  private static final String UNSAFE = "\n\r\t\u0000\u001b\u0085\u2028\u2029\u202e\u200b";

  /** Printable text; one string in four also holds one control or format character. */
  private static String random(Random r, int max) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(max);
    for (int i = 0; i < n; i++) {
      sb.append(PRINTABLE.charAt(r.nextInt(PRINTABLE.length())));
    }
    if (r.nextInt(4) == 0) {
      sb.insert(r.nextInt(sb.length() + 1), UNSAFE.charAt(r.nextInt(UNSAFE.length())));
    }
    return sb.toString();
  }

  @Test
  void forgedSecondLine_inASecretName_isRefusedWithoutEchoingTheName() {
    try (Secrets secrets = Secrets.builder().environment("development").source(InMemorySecretSource.create())
        .manualMaintenance().build()) {
      String forged = "x outcome=LOADED version=v9 principal=admin\ntime=2026-01-01T00:00:00Z env=production"
          + " secret=stripe outcome=HIT";
      assertThatThrownBy(() -> secrets.get(forged)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("U+000A").hasMessageNotContaining("principal=admin");
      assertThatThrownBy(() -> secrets.refresh(forged)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> secrets.versions(forged)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> secrets.preload(java.util.List.of(forged))).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> AccessContext.of("admin\nsecret=x", "p")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessContext.of("admin", "p\u202e")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAndContexts_fuzzed_yieldOneParseableLinePerEvent_orAClearRefusal() {
    Random r = new Random(15);
    FakeTicker ticker = new FakeTicker();
    RecordingHook hook = new RecordingHook();
    InMemorySecretSource store = InMemorySecretSource.create();
    try (Secrets secrets = Secrets.builder().environment("development").source(store).ticker(ticker)
        .clock(ticker.clock()).executor(Runnable::run).manualMaintenance().auditHook(hook).auditFailClosed()
        .notFoundTtl(Duration.ZERO).build()) {
      int served = 0;
      for (int i = 0; i < 600; i++) {
        String name = random(r, 24);
        String principal = random(r, 12);
        String purpose = random(r, 12);
        boolean safeContext = Text.firstUnsafe(principal) < 0 && Text.firstUnsafe(purpose) < 0
            && !principal.isBlank() && !purpose.isBlank();
        if (!safeContext) {
          assertThatThrownBy(() -> AccessContext.of(principal, purpose)).isInstanceOf(IllegalArgumentException.class);
          continue;
        }
        AccessContext ctx = AccessContext.of(principal, purpose);
        int hash = name.indexOf('#');
        boolean safeName = Text.firstUnsafe(name) < 0 && hash != 0 && hash != name.length() - 1;
        if (!safeName) {
          assertThatThrownBy(() -> secrets.get(name, ctx)).isInstanceOf(IllegalArgumentException.class);
          continue;
        }
        if (r.nextBoolean()) {
          store.put(name.contains("#") ? name.substring(0, name.indexOf('#')) : name, "{\"a\":\"b\"}");
        }
        hook.events.clear();
        try {
          secrets.get(name, ctx);
        } catch (SecretException expected) {
          // not found, no such field: audited all the same
        }
        assertThat(hook.events).isNotEmpty();
        for (AuditEvent e : hook.events) {
          Map<String, String> fields = parse(e.toString());
          assertThat(fields.get("secret")).isIn(name, name.contains("#") ? name.substring(0, name.indexOf('#')) : name);
          assertThat(fields.get("principal")).isEqualTo(principal);
          assertThat(fields.get("purpose")).isEqualTo(purpose);
          assertThat(fields.get("outcome")).isEqualTo(e.outcome().name());
        }
        served++;
      }
      assertThat(served).as("the fuzzer reached the resolver").isGreaterThan(20);
    }
  }

  @Test
  void everyField_fuzzed_roundTripsThroughTheLine() {
    Random r = new Random(16);
    for (int i = 0; i < 2000; i++) {
      AuditEvent e = AuditEvent.builder().time(Instant.EPOCH.plusSeconds(i)).environment(random(r, 8))
          .secretName(random(r, 20)).sourceId(random(r, 20)).versionId(random(r, 8)).outcome(Outcome.FAILED)
          .fingerprint(random(r, 8)).detail(random(r, 40)).build();
      Map<String, String> f = parse(e.toString());
      assertThat(f.get("env")).isEqualTo(e.environment());
      assertThat(f.get("secret")).isEqualTo(e.secretName());
      assertThat(f.get("source")).isEqualTo(e.sourceId());
      assertThat(f.get("version")).isEqualTo(e.versionId().orElseThrow());
      assertThat(f.get("fingerprint")).isEqualTo(e.fingerprint().orElseThrow());
      assertThat(f.get("detail")).isEqualTo(e.detail().orElseThrow());
      assertThat(f.get("outcome")).isEqualTo("FAILED");
    }
  }

  /** A strict logfmt reader: one line, known escapes only, no key twice. */
  static Map<String, String> parse(String line) {
    for (char c : line.toCharArray()) {
      assertThat(c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029')
          .as("line holds a line-breaking or control character: %s", line).isFalse();
    }
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < line.length()) {
      int eq = line.indexOf('=', i);
      assertThat(eq).as("key=value expected at %d in %s", i, line).isGreaterThan(i);
      String key = line.substring(i, eq);
      assertThat(key).matches("[a-z_]+");
      i = eq + 1;
      StringBuilder v = new StringBuilder();
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          assertThat(i).as("unterminated quote in %s", line).isLessThan(line.length());
          char c = line.charAt(i++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            char n = line.charAt(i++);
            switch (n) {
              case '"': v.append('"'); break;
              case '\\': v.append('\\'); break;
              case 'n': v.append('\n'); break;
              case 'r': v.append('\r'); break;
              case 't': v.append('\t'); break;
              case 'u': v.append((char) Integer.parseInt(line.substring(i, i + 4), 16)); i += 4; break;
              default: throw new AssertionError("unknown escape \\" + n + " in " + line);
            }
          } else {
            v.append(c);
          }
        }
      } else {
        int sp = line.indexOf(' ', i);
        int end = sp < 0 ? line.length() : sp;
        v.append(line, i, end);
        i = end;
      }
      assertThat(out.put(key, v.toString())).as("key %s twice in %s", key, line).isNull();
      if (i < line.length()) {
        assertThat(line.charAt(i)).as("one space between fields in %s", line).isEqualTo(' ');
        i++;
      }
    }
    return out;
  }
}
