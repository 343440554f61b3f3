package org.tunebench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tunebench.wire.Wire;

/**
 * The cluster secret ({@code TUNEBENCH_CLUSTER_SECRET}) and the signed envelopes every cluster message travels
 * in. Hazelcast Community Edition has no member authentication, so any JVM that reaches the port may join:
 * a message counts only when its HMAC-SHA256 (over sender, sequence number and body) checks out and its
 * sequence number is higher than the last one taken from that sender (no replays; senders are never forgotten, so
 * a member that rejoins under a departed member's id cannot replay its messages). Each body names its recipient's
 * inbox ({@code to}), which the recipient checks, so a message cannot be replayed to another member either.
 */
public final class ClusterSecret {
  public static final String ENV = "TUNEBENCH_CLUSTER_SECRET";
  static final int MIN_LENGTH = 16;

  private final SecretKeySpec key;
  private final AtomicLong seq = new AtomicLong(System.currentTimeMillis() * 1000);
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

  public ClusterSecret(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(ENV + " is not set: driver and agents need the same cluster secret"
          + " (at least " + MIN_LENGTH + " characters), e.g. export " + ENV + "=$(openssl rand -hex 24)");
    }
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(ENV + " is too short: use at least " + MIN_LENGTH + " characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** From the environment; throws {@link IllegalArgumentException} with a one-line message when missing. */
  public static ClusterSecret fromEnv() {
    return new ClusterSecret(System.getenv(ENV));
  }

  /** A signed envelope of {@code body} sent by member {@code from}. */
  String seal(String from, ObjectNode body) {
    String b = body.toString();
    long n = seq.incrementAndGet();
    ObjectNode env = Wire.JSON.createObjectNode();
    env.put("from", from).put("seq", n).put("body", b).put("sig", sign(from, n, b));
    return env.toString();
  }

  /**
   * The body of an envelope that {@code publisher} sent, or a {@link Refused} naming why not: unsigned, a
   * wrong signature, a sender that is not the publishing member, or a replayed sequence number.
   */
  ObjectNode open(String envelope, String publisher) throws Refused {
    JsonNode env;
    try {
      env = Wire.JSON.readTree(envelope);
    } catch (Exception e) {
      throw new Refused("not a cluster message");
    }
    String sig = env.path("sig").asText("");
    String from = env.path("from").asText("");
    long n = env.path("seq").asLong(-1);
    String body = env.path("body").asText(null);
    if (sig.isEmpty() || body == null) throw new Refused("unsigned message");
    byte[] want = sign(from, n, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(want, sig.getBytes(StandardCharsets.US_ASCII))) {
      throw new Refused("wrong signature (is " + ENV + " the same on both sides?)");
    }
    if (publisher != null && !publisher.equals(from)) throw new Refused("sender " + from + " is not the publisher");
    long[] accepted = {0};
    lastSeen.compute(from, (k, last) -> {
      if (last != null && n <= last) return last;
      accepted[0] = 1;
      return n;
    });
    if (accepted[0] == 0) throw new Refused("replayed message (sequence " + n + ")");
    try {
      return (ObjectNode) Wire.JSON.readTree(body);
    } catch (Exception e) {
      throw new Refused("malformed body");
    }
  }

  String sign(String from, long n, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((from + "\n" + n + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** A message that was not taken, and why. */
  static final class Refused extends Exception {
    Refused(String why) {
      super(why);
    }
  }
}
