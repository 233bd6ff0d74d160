package dev.secrets4j.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.secrets4j.AccessContext;
import dev.secrets4j.Environment;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH states shared by the hit benchmarks. Each holds one reader of one loaded secret; the key is a non-final
 * field so that the JIT cannot fold the lookup. JMH forks a JVM per benchmark, so a state that is not used by a
 * benchmark costs it nothing.
 */
public final class States {
  private States() {}

  /** The limit: a ConcurrentHashMap holding the value secrets4j returns, precomputed. */
  @State(Scope.Benchmark)
  public static class Chm {
    public String name = LocalAws.HOT;
    public ConcurrentHashMap<String, Secret> map;
    private LocalAws aws;

    @Setup(Level.Trial)
    public void setUp() {
      aws = new LocalAws(16);
      Secrets s = aws.secrets4j(b -> b);
      map = new ConcurrentHashMap<>();
      for (String n : aws.names) {
        map.put(n, s.get(n));
      }
      map.put(name, s.get(name));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      aws.close();
    }
  }

  /** secrets4j through provider-aws over a local server, every secret loaded; subclasses choose the settings. */
  @State(Scope.Benchmark)
  public abstract static class Resolver {
    public String name = LocalAws.HOT;
    public Secrets secrets;
    public final LongAdder events = new LongAdder();
    private LocalAws aws;

    /** The builder settings of this state, on top of the local server's source. */
    abstract SecretsBuilder configure(SecretsBuilder b);

    @Setup(Level.Trial)
    public void setUp() {
      aws = new LocalAws(16);
      secrets = aws.secrets4j(this::configure);
      aws.names.forEach(secrets::get);
      secrets.get(name);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      aws.close();
    }
  }

  /** secrets4j through provider-aws, no audit hook. */
  public static class Plain extends Resolver {
    @Override
    SecretsBuilder configure(SecretsBuilder b) {
      return b;
    }
  }

  /** secrets4j with one asynchronous audit hook, defaults otherwise (hits counted, flushed as one event a minute). */
  public static class Audited extends Resolver {
    @Override
    SecretsBuilder configure(SecretsBuilder b) {
      return b.auditHook(e -> events.increment());
    }
  }

  /** secrets4j with one asynchronous audit hook and one event per hit (auditEveryHit: the queue path). */
  public static class AuditedEveryHit extends Resolver {
    @Override
    SecretsBuilder configure(SecretsBuilder b) {
      return b.auditHook(e -> events.increment()).auditEveryHit();
    }
  }

  /** AWS's caching client (default 1 h item TTL) on the same kind of local server. */
  @State(Scope.Benchmark)
  public static class AwsCachingClient {
    public String id = LocalAws.awsId(LocalAws.HOT);
    public SecretCache cache;
    private LocalAws aws;

    @Setup(Level.Trial)
    public void setUp() {
      aws = new LocalAws(16);
      cache = aws.awsCache(Duration.ofHours(1));
      for (String n : aws.names) {
        cache.getSecretString(LocalAws.awsId(n));
      }
      cache.getSecretString(id);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      aws.close();
    }
  }

  /**
   * Diagnostic: a Caffeine cache built as secrets4j's resolver builds its own (bounded, caller-runs executor),
   * holding the same values. Shows how much of a secrets4j hit is the cache lookup itself.
   */
  @State(Scope.Benchmark)
  public static class CaffeineBounded {
    public String name = LocalAws.HOT;
    public Cache<String, Secret> cache;

    @Setup(Level.Trial)
    public void setUp() {
      cache = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();
      for (int i = 0; i < 16; i++) {
        cache.put(String.format("secret-%03d", i), Secret.of("secret-" + i, "v1", "value-" + i));
      }
      cache.put(name, Secret.of(name, "v1", "value"));
    }
  }

  /** Diagnostic: Caffeine without a size bound (no read buffer, no eviction policy), same values. */
  @State(Scope.Benchmark)
  public static class CaffeineUnbounded {
    public String name = LocalAws.HOT;
    public Cache<String, Secret> cache;

    @Setup(Level.Trial)
    public void setUp() {
      cache = Caffeine.newBuilder().executor(Runnable::run).build();
      for (int i = 0; i < 16; i++) {
        cache.put(String.format("secret-%03d", i), Secret.of("secret-" + i, "v1", "value-" + i));
      }
      cache.put(name, Secret.of(name, "v1", "value"));
    }
  }

  /**
   * Experiment: a copy of the resolver's hit path with audit off (entry and owner, volatile loaded state, expired
   * flag, the access guard's call, the audit check) over a ConcurrentHashMap; {@link CaffeineHitPath} is the same
   * copy over a Caffeine cache built as the resolver builds its own. The two together split a secrets4j hit into
   * what the cache costs and what the resolver's own steps cost.
   */
  @State(Scope.Benchmark)
  public static class ChmHitPath extends HitPathCopy {
    private ConcurrentHashMap<String, HitEntry> map;

    @Setup(Level.Trial)
    public void setUp() {
      map = new ConcurrentHashMap<>();
      fill(map::put);
    }

    @Override
    HitEntry lookup(String n) {
      return map.get(n);
    }
  }

  /** See {@link ChmHitPath}. */
  @State(Scope.Benchmark)
  public static class CaffeineHitPath extends HitPathCopy {
    private Cache<String, HitEntry> cache;

    @Setup(Level.Trial)
    public void setUp() {
      cache = Caffeine.newBuilder()
          .maximumSize(10_000)
          .executor(Runnable::run)
          .<String, HitEntry>removalListener((k, v, cause) -> { })
          .build();
      fill(cache::put);
    }

    @Override
    HitEntry lookup(String n) {
      return cache.getIfPresent(n);
    }
  }

  /** The resolver's hit path, copied (audit off); the lookup is the subclass's. */
  public abstract static class HitPathCopy {
    public String name = LocalAws.HOT;
    private final Environment environment = Environment.DEVELOPMENT;
    private final CopyGuards guards = new CopyGuards();
    private final List<Object> hooks = List.of();

    abstract HitEntry lookup(String name);

    void fill(java.util.function.BiConsumer<String, HitEntry> put) {
      for (int i = 0; i < 16; i++) {
        String n = String.format("secret-%03d", i);
        put.accept(n, new HitEntry(n, null, null, new HitLoaded(Secret.of(n, "v1", "value-" + i))));
      }
      put.accept(name, new HitEntry(name, null, null, new HitLoaded(Secret.of(name, "v1", "value"))));
    }

    public Secret get(String n) {
      return get(n, AccessContext.none());
    }

    public Secret get(String n, AccessContext access) {
      HitEntry e = lookup(n);
      if (e != null) {
        HitEntry owner = e.parent == null ? e : e.parent;
        HitLoaded l = owner.loaded;
        if (l != null && !owner.expired) {
          return hit(e, l, access);
        }
      }
      throw new IllegalStateException("miss: " + n);
    }

    private Secret hit(HitEntry e, HitLoaded l, AccessContext access) {
      guards.checkAccess(environment, e.name, access);
      if (!hooks.isEmpty()) {
        throw new IllegalStateException("audit is off in this copy");
      }
      return e.field == null ? l.current : null;
    }
  }

  /** The shape of the standard access guard: a settings flag, the environment, the context. */
  static final class CopyGuards {
    private final boolean requireAccessContext = false;

    void checkAccess(Environment env, String name, AccessContext access) {
      if (requireAccessContext && env.isProduction() && !access.isIdentified()) {
        throw new IllegalStateException("denied: " + name);
      }
    }
  }

  /** A copy of the shape of the resolver's cache entry. */
  public static final class HitEntry {
    final String name;
    final HitEntry parent;
    final String field;
    volatile HitLoaded loaded;
    volatile boolean expired;

    HitEntry(String name, HitEntry parent, String field, HitLoaded loaded) {
      this.name = name;
      this.parent = parent;
      this.field = field;
      this.loaded = loaded;
    }
  }

  /** A copy of the shape of the resolver's loaded state. */
  public static final class HitLoaded {
    final Secret current;

    HitLoaded(Secret current) {
      this.current = current;
    }
  }
}
