package org.tunebench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.tunebench.wire.Wire;

/**
 * The cluster secret ({@code TUNEBENCH_CLUSTER_SECRET}) and the sealed envelopes every cluster message travels in.
 * Hazelcast Community Edition has no member authentication and no TLS, so everything rests on the secret:
 * <ul>
 *   <li>the Hazelcast cluster name is derived from it, so a member that does not know it cannot join by guessing;
 *   <li>every payload is AES-256-GCM encrypted with a key derived from it (HKDF-SHA256), one key per sending role,
 *       so a member that does join reads nothing and cannot forge, alter, or reflect a driver's message back as
 *       an agent's;
 *   <li>the header (role, sender, sequence number) is authenticated too, and a sequence number already taken from
 *       that sender, or older than the newest by more than {@link #REPLAY_WINDOW}, is refused (no replays; senders
 *       are never forgotten). A window, as IPsec's: one sender's messages are sealed on several threads and travel
 *       by several topics, so they may arrive out of order, and refusing the later-sealed one lost it: a trial
 *       whose result or reply it was hung RUNNING (seen after a split-brain merge).
 * </ul>
 * A sender is the random id of a driver or agent process (its inbox), not a Hazelcast member UUID: a merge after a
 * split-brain gives members new UUIDs, and messages must keep flowing across it.
 */
public final class ClusterSecret {
  public static final String ENV = "TUNEBENCH_CLUSTER_SECRET";
  static final int MIN_LENGTH = 16;

  /** Who sealed a message; each role has its own key. */
  public enum Role { DRIVER, AGENT }

  private static final byte VERSION = 1;
  private static final int HEADER = 1 + 1 + 16 + 8;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec driverKey;
  private final SecretKeySpec agentKey;
  private final String clusterName;
  private final AtomicLong seq = new AtomicLong(System.currentTimeMillis() * 1000);
  private final Map<UUID, SeenWindow> lastSeen = new ConcurrentHashMap<>();
  /** How far behind a sender's newest sequence number a message may arrive and still be taken (once). */
  static final int REPLAY_WINDOW = 4096;

  public ClusterSecret(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(ENV + " is not set: driver and agents need the same cluster secret"
          + " (at least " + MIN_LENGTH + " characters), e.g. export " + ENV + "=$(openssl rand -hex 24)");
    }
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(ENV + " is too short: use at least " + MIN_LENGTH + " characters");
    }
    byte[] prk = hmac("tunebench cluster v1".getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    this.driverKey = new SecretKeySpec(expand(prk, "driver message key", 32), "AES");
    this.agentKey = new SecretKeySpec(expand(prk, "agent message key", 32), "AES");
    this.clusterName = "tunebench-" + HexFormat.of().formatHex(expand(prk, "hazelcast cluster name", 16));
  }

  /** From the environment; throws {@link IllegalArgumentException} with a one-line message when missing. */
  public static ClusterSecret fromEnv() {
    return new ClusterSecret(System.getenv(ENV));
  }

  /**
   * From a file holding the secret on its first line (the workbench's "secret file", so the secret is on no command
   * line): a file other users may read is refused, since whoever reads it can join and read the cluster.
   * Throws {@link IllegalArgumentException} with a one-line message naming the file and what is wrong.
   */
  public static ClusterSecret fromFile(java.nio.file.Path file) {
    String text;
    try {
      if (java.nio.file.Files.getFileStore(file).supportsFileAttributeView("posix")) {
        var perms = java.nio.file.Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
          throw new IllegalArgumentException("cluster secret file " + file + " is readable by other users; allow the"
              + " owner only (chmod 600 " + file + ")");
        }
      }
      text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read the cluster secret file " + file + ": " + e.getMessage());
    }
    if (text.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("cluster secret file " + file + " must hold a secret of at least " + MIN_LENGTH
          + " characters on its first line (e.g. openssl rand -hex 24 > " + file + ")");
    }
    return new ClusterSecret(text);
  }

  /** The Hazelcast cluster name: only members that know the secret know it. */
  String clusterName() {
    return clusterName;
  }

  /** An encrypted envelope of {@code body}, sent by {@code sender} in {@code role}. */
  byte[] seal(Role role, UUID sender, ObjectNode body) {
    byte[] plain = body.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(HEADER + NONCE + plain.length + TAG_BITS / 8);
    out.put(VERSION).put((byte) role.ordinal()).putLong(sender.getMostSignificantBits())
        .putLong(sender.getLeastSignificantBits()).putLong(seq.incrementAndGet());
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    out.put(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key(role), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(out.array(), 0, HEADER);
      c.doFinal(plain, 0, plain.length, out.array(), HEADER + NONCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
    return out.array();
  }

  /**
   * The sender and body of an envelope sealed in role {@code from}, or a {@link Refused} naming why not: not an
   * envelope, sealed with another secret or by the other role, altered on the way, or a replayed sequence number.
   */
  Opened open(Object payload, Role from) throws Refused {
    if (!(payload instanceof byte[] b)) {
      throw new Refused("not a cluster message (a " + (payload == null ? "null" : payload.getClass().getName())
          + " instead of sealed bytes)");
    }
    if (b.length < HEADER + NONCE + TAG_BITS / 8 || b[0] != VERSION) throw new Refused("not a cluster message");
    if (b[1] != (byte) from.ordinal()) throw new Refused("sealed by the wrong role (expected " + from + ")");
    ByteBuffer in = ByteBuffer.wrap(b);
    in.position(2);
    UUID sender = new UUID(in.getLong(), in.getLong());
    long n = in.getLong();
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key(from), new GCMParameterSpec(TAG_BITS, b, HEADER, NONCE));
      c.updateAAD(b, 0, HEADER);
      plain = c.doFinal(b, HEADER + NONCE, b.length - HEADER - NONCE);
    } catch (AEADBadTagException e) {
      throw new Refused("cannot decrypt it: another secret, or altered on the way (is " + ENV
          + " the same on both sides?)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
    if (!lastSeen.computeIfAbsent(sender, k -> new SeenWindow()).take(n)) {
      throw new Refused("replayed message (sequence " + n + " from " + sender + ")");
    }
    try {
      return new Opened(sender, (ObjectNode) Wire.JSON.readTree(plain));
    } catch (Exception e) {
      throw new Refused("malformed body");
    }
  }

  private SecretKeySpec key(Role role) {
    return role == Role.DRIVER ? driverKey : agentKey;
  }

  /** HKDF-Expand (RFC 5869) with HMAC-SHA256, at most one block is all we need. */
  private static byte[] expand(byte[] prk, String info, int length) {
    byte[] in = (info + "\u0001").getBytes(StandardCharsets.UTF_8);
    byte[] t = hmac(prk, in);
    return java.util.Arrays.copyOf(t, length);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** A message that was taken: who sent it (a driver's or agent's process id, not a member UUID) and what. */
  record Opened(UUID sender, ObjectNode body) {}

  /** A message that was not taken, and why. */
  static final class Refused extends Exception {
    Refused(String why) {
      super(why);
    }
  }

  /** The sequence numbers taken from one sender within {@link #REPLAY_WINDOW} of its newest. */
  static final class SeenWindow {
    private long newest = Long.MIN_VALUE;
    private final java.util.TreeSet<Long> taken = new java.util.TreeSet<>();

    /** Whether {@code n} is new (and now taken): not taken before and not older than the window. */
    synchronized boolean take(long n) {
      if (newest != Long.MIN_VALUE && n <= newest - REPLAY_WINDOW) return false;
      if (!taken.add(n)) return false;
      if (n > newest) {
        newest = n;
        taken.headSet(newest - REPLAY_WINDOW, true).clear();
      }
      return true;
    }
  }
}
