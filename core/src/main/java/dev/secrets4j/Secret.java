package dev.secrets4j;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a secret's value. Holds bytes; {@link #asString()} and {@link #asBytes()} give them out,
 * {@link #field(String)} reads one field of a JSON object. {@link #toString()} prints
 * {@code Secret[stripe-api-key v=3f2a…]}, never the value. Not {@code Serializable}.
 *
 * <p>Instances returned by a {@link Secrets} resolver are shared by every reader of that version and owned
 * by the resolver, which zeroes them when it is closed; {@link #destroy()} on such an instance throws. To
 * hold a value you can destroy yourself, take a {@link #copy()}.
 */
public final class Secret {
  /** The deepest JSON nesting {@link #field(String)} reads; deeper values are refused, not parsed. */
  public static final int MAX_JSON_NESTING = 64;

  private final String name;
  private final String versionId;
  private final Instant created;
  private final boolean shared;
  private final byte[] value;
  private volatile boolean destroyed;

  private Secret(String name, String versionId, Instant created, byte[] value, boolean shared) {
    this.name = name;
    this.versionId = versionId;
    this.created = created;
    this.value = value;
    this.shared = shared;
  }

  /** A resolver-owned secret holding {@code value} (taken, not copied); only the resolver may zero it. */
  static Secret shared(String name, String versionId, Instant created, byte[] value) {
    return new Secret(name, versionId, created, value, true);
  }

  /** Zeroes a resolver-owned secret: for the resolver's close only. */
  void destroyShared() {
    wipe();
  }

  /** A secret you own, holding a copy of {@code value}. */
  public static Secret of(String name, String versionId, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(value, "value");
    return new Secret(name, versionId, null, value.clone(), false);
  }

  /** A secret you own whose value is the UTF-8 encoding of {@code value}. */
  public static Secret of(String name, String versionId, String value) {
    Objects.requireNonNull(value, "value");
    return of(name, versionId, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The name the application asked for: {@code stripe-api-key}, {@code db#password}. */
  public String name() {
    return name;
  }

  /** The store's id of this version. */
  public String versionId() {
    return versionId;
  }

  /** When the store created this version, if it says. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /** The value as a UTF-8 string. */
  public String asString() {
    checkLive();
    String s = new String(value, StandardCharsets.UTF_8);
    confirmLive(null);
    return s;
  }

  /** A copy of the value's bytes; zero it when done. */
  public byte[] asBytes() {
    checkLive();
    byte[] copy = value.clone();
    confirmLive(copy);
    return copy;
  }

  /** The value as chars (UTF-8 decoded); zero the array when done. */
  public char[] asChars() {
    checkLive();
    java.nio.CharBuffer cb = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(value));
    char[] out = new char[cb.remaining()];
    cb.get(out);
    Arrays.fill(cb.array(), '\0');
    VarHandle.acquireFence();
    if (destroyed) {
      Arrays.fill(out, '\0');
      throw destroyedError();
    }
    return out;
  }

  /** The value's length in bytes. */
  public int length() {
    checkLive();
    return value.length;
  }

  /**
   * One field of a JSON object value, as a new secret you own named {@code name#field}. String values are
   * unquoted; numbers and booleans are their text; objects and arrays their compact JSON.
   *
   * @throws SecretNotFoundException when the object has no such field
   * @throws SecretConfigurationException when the value is not a JSON object, or nests deeper than
   *     {@value #MAX_JSON_NESTING} levels (the message gives the line and column where known, never the content)
   */
  public Secret field(String field) {
    Objects.requireNonNull(field, "field");
    checkLive();
    byte[] extracted;
    try {
      extracted = extractField(field);
    } catch (RuntimeException e) {
      // bytes zeroed by a close() racing this parse are not "invalid JSON": say what happened
      confirmLive(null);
      throw e;
    }
    confirmLive(extracted);
    return new Secret(name + "#" + field, versionId, created, extracted, false);
  }

  byte[] extractField(String field) {
    return JsonFields.extract(name, versionId, value, field);
  }

  /** A copy you own and may {@link #destroy()}. */
  public Secret copy() {
    checkLive();
    byte[] copy = value.clone();
    confirmLive(copy);
    return new Secret(name, versionId, created, copy, false);
  }

  /**
   * Zeroes the value; every later read of it throws {@link IllegalStateException}.
   *
   * @throws IllegalStateException on a resolver-owned instance (take a {@link #copy()} to destroy)
   */
  public void destroy() {
    if (shared) {
      throw new IllegalStateException("Secret[" + name + "] is shared by the resolver and destroyed when it is "
          + "closed; destroy a copy() instead");
    }
    wipe();
  }

  /** True once destroyed. */
  public boolean isDestroyed() {
    return destroyed;
  }

  private void wipe() {
    destroyed = true;
    // the flag is visible before the first zero: a reader that copied a zero sees the flag when it looks again
    VarHandle.storeStoreFence();
    Arrays.fill(value, (byte) 0);
  }

  private void checkLive() {
    if (destroyed) {
      throw destroyedError();
    }
  }

  /**
   * After a read of {@code value}: if it raced {@link #wipe()} (a resolver closing), the copy may hold zeros, so the
   * read fails as a read after the wipe would, and the copy is zeroed. The fence keeps the copy's loads before the
   * flag's.
   */
  private void confirmLive(byte[] copy) {
    VarHandle.acquireFence();
    if (destroyed) {
      if (copy != null) {
        Arrays.fill(copy, (byte) 0);
      }
      throw destroyedError();
    }
  }

  private IllegalStateException destroyedError() {
    return new IllegalStateException("Secret[" + name + "] was destroyed");
  }

  /** Equal when name, version id and value are equal (compared in constant time). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Secret s)) {
      return false;
    }
    return name.equals(s.name) && versionId.equals(s.versionId)
        && java.security.MessageDigest.isEqual(value, s.value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + versionId.hashCode();
  }

  /** {@code Secret[stripe-api-key v=3f2a…]}; never the value. */
  @Override
  public String toString() {
    String v = versionId.length() <= 4 ? versionId : versionId.substring(0, 4) + "…";
    return "Secret[" + name + " v=" + v + (destroyed ? " destroyed" : "") + "]";
  }
}
