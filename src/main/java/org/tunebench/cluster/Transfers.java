package org.tunebench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tunebench.wire.Wire;

/**
 * Files of any size (JARs, zipped checkpoints) between driver and agent: streamed from disk in {@link #CHUNK}
 * parts, at most {@link #WINDOW} unacknowledged at a time, written to disk as they arrive, and checked against
 * the SHA-256 and size the sender computed while reading. Neither side holds more than a window in memory.
 *
 * <p>{@link #sendFile} blocks its caller until the receiver has acknowledged the last part. Parts and
 * acknowledgements are taken by {@link #onMessage} on the inbox listener's thread, never on the thread that
 * sends, so two sides sending to each other at once cannot wait on each other.
 */
final class Transfers {
  private static final Logger LOG = Logger.getLogger(Transfers.class.getName());
  static final int CHUNK = 1 << 20;
  static final int WINDOW = 8;
  static final long ACK_TIMEOUT_MS = 60_000;

  /** Seals and publishes one body to a peer's inbox (thread-safe, keeps the order of calls). */
  interface Publisher {
    void publish(String to, ObjectNode body);
  }

  /** A file that arrived whole: where it is now and the SHA-256 it was checked against. */
  record Received(Path file, String sha256, long size) {}

  private final Path dir;
  private final Publisher out;
  private final Map<String, Outgoing> outgoing = new ConcurrentHashMap<>();
  private final Map<String, Incoming> incoming = new ConcurrentHashMap<>();

  Transfers(Path dir, Publisher out) {
    this.dir = dir;
    this.out = out;
  }

  /** Streams {@code file} to {@code to}; returns the transfer's id once all of it arrived and was checked there. */
  String sendFile(String to, Path file) throws IOException {
    String id = UUID.randomUUID().toString();
    Outgoing o = new Outgoing(to);
    outgoing.put(id, o);
    MessageDigest sha = sha256();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[CHUNK];
      long parts = Math.max(1, (Files.size(file) + CHUNK - 1) / CHUNK);
      for (long i = 0; i < parts; i++) {
        boolean last = i == parts - 1;
        int n = in.readNBytes(buf, 0, CHUNK);
        sha.update(buf, 0, n);
        size += n;
        o.awaitWindow(i);
        ObjectNode part = Wire.JSON.createObjectNode().put("op", "chunk").put("blob", id).put("i", i)
            .put("data", Base64.getEncoder().encodeToString(n == CHUNK ? buf : java.util.Arrays.copyOf(buf, n)));
        if (last) part.put("last", true).put("sha", HexFormat.of().formatHex(sha.digest())).put("size", size);
        out.publish(to, part);
      }
      o.awaitAcked(parts - 1);
      return id;
    } finally {
      outgoing.remove(id);
    }
  }

  /**
   * Takes a part or an acknowledgement of a transfer, on the inbox listener's thread; false for any other message.
   */
  boolean onMessage(String from, ObjectNode body) {
    switch (body.path("op").asText()) {
      case "ack" -> {
        Outgoing o = outgoing.get(body.path("blob").asText());
        if (o != null) o.acked(body.path("i").asLong(), body.path("error").asText(null));
        return true;
      }
      case "chunk" -> {
        chunk(from, body);
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void chunk(String from, ObjectNode part) {
    String blob = part.path("blob").asText();
    String key = from + "/" + blob;
    long i = part.path("i").asLong();
    ObjectNode ack = Wire.JSON.createObjectNode().put("op", "ack").put("blob", blob).put("i", i);
    Incoming in = incoming.get(key);
    try {
      if (in == null) {
        if (i != 0) throw new IOException("part " + i + " of a transfer whose start never arrived");
        Files.createDirectories(dir);
        in = new Incoming(Files.createTempFile(dir, "in-", ".part"));
        incoming.put(key, in);
      }
      if (in.error != null) throw new IOException(in.error);
      if (i != in.next) throw new IOException("part " + i + " arrived where part " + in.next + " was due");
      byte[] data = Base64.getDecoder().decode(part.path("data").asText());
      in.out.write(data);
      in.sha.update(data);
      in.size += data.length;
      in.next++;
      if (part.path("last").asBoolean()) {
        in.out.close();
        String got = HexFormat.of().formatHex(in.sha.digest());
        if (!got.equals(part.path("sha").asText()) || in.size != part.path("size").asLong()) {
          throw new IOException("it arrived damaged: SHA-256 " + got + " and " + in.size + " bytes, sent as "
              + part.path("sha").asText() + " and " + part.path("size").asLong() + " bytes");
        }
        in.done = new Received(in.file, got, in.size);
      }
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      if (in == null) {
        in = Incoming.failed();
        incoming.put(key, in);
      }
      in.fail(why);
      ack.put("error", why);
    }
    out.publish(from, ack);
  }

  /** The file of transfer {@code blob} from {@code from}, whole and checked; else an IOException saying why not. */
  Received take(String from, String blob) throws IOException {
    Incoming in = incoming.remove(from + "/" + blob);
    if (in == null) throw new IOException("the transfer never arrived");
    if (in.error != null) throw new IOException(in.error);
    if (in.done == null) {
      in.fail("incomplete");
      throw new IOException("the transfer is incomplete (" + in.size + " bytes arrived)");
    }
    return in.done;
  }

  /**
   * Ends every transfer to a departed peer at once: its {@link #sendFile} throws with {@code why} instead of
   * waiting {@link #ACK_TIMEOUT_MS} for acknowledgements that cannot come. Safe on any thread (the membership
   * listener's), which matters because the sending thread is the one blocked.
   */
  void abortTo(String to, String why) {
    for (Outgoing o : outgoing.values()) {
      if (o.to.equals(to)) o.acked(-1, why);
    }
  }

  /** Ends every transfer to any peer at once (this side's member was shut down). */
  void abortAll(String why) {
    for (Outgoing o : outgoing.values()) o.acked(-1, why);
  }

  /** Drops what a departed peer was sending. */
  void forget(String from) {
    for (String k : Map.copyOf(incoming).keySet()) {
      if (k.startsWith(from + "/")) {
        Incoming in = incoming.remove(k);
        if (in != null) in.fail("its sender left");
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SHA-256 of a file, read in chunks. */
  static String sha256(Path file) throws IOException {
    MessageDigest d = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[CHUNK];
      for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static final class Outgoing {
    final String to;
    private long acked = -1;
    private String error;
    private long lastProgress = System.nanoTime();

    Outgoing(String to) {
      this.to = to;
    }

    synchronized void acked(long i, String why) {
      if (why != null) error = why;
      if (i > acked) acked = i;
      lastProgress = System.nanoTime();
      notifyAll();
    }

    synchronized void awaitWindow(long i) throws IOException {
      awaitUntil(() -> i - acked <= WINDOW);
    }

    synchronized void awaitAcked(long i) throws IOException {
      awaitUntil(() -> acked >= i);
    }

    private void awaitUntil(java.util.function.BooleanSupplier ok) throws IOException {
      while (error == null && !ok.getAsBoolean()) {
        long waited = (System.nanoTime() - lastProgress) / 1_000_000;
        if (waited >= ACK_TIMEOUT_MS) throw new IOException("the receiver acknowledged nothing for " + waited / 1000 + " s");
        try {
          wait(Math.max(1, ACK_TIMEOUT_MS - waited));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
      if (error != null) throw new IOException(error.startsWith("the receiver") ? error : "the receiver refused it: " + error);
    }
  }

  private static final class Incoming {
    final Path file;
    final OutputStream out;
    final MessageDigest sha = sha256();
    long next;
    long size;
    volatile String error;
    volatile Received done;

    Incoming(Path file) throws IOException {
      this(file, Files.newOutputStream(file));
    }

    private Incoming(Path file, OutputStream out) {
      this.file = file;
      this.out = out;
    }

    static Incoming failed() {
      return new Incoming(null, OutputStream.nullOutputStream());
    }

    void fail(String why) {
      error = why;
      try {
        out.close();
        if (file != null) Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.log(Level.FINE, "cannot delete " + file, e);
      }
    }
  }
}
