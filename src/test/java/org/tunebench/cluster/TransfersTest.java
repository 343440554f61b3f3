package org.tunebench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamed file transfers between two sides wired as the cluster wires them (each side's inbox on a thread of its
 * own, in order), without Hazelcast: whole files arrive checked, bounded in flight, damage and loss are refused.
 */
class TransfersTest {
  @TempDir Path tmp;
  private final ExecutorService aInbox = Executors.newSingleThreadExecutor();
  private final ExecutorService bInbox = Executors.newSingleThreadExecutor();
  private Transfers a;
  private Transfers b;
  private final AtomicLong maxInFlight = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();

  @AfterEach void stop() {
    aInbox.shutdownNow();
    bInbox.shutdownNow();
  }

  /** Side a sends to b; {@code onTheWay} may alter or drop (null) what a sends. */
  private void wire(UnaryOperator<ObjectNode> onTheWay) {
    a = new Transfers(tmp.resolve("a"), (to, body) -> {
      ObjectNode sent = onTheWay.apply(body.deepCopy());
      if (sent == null) return;
      if (sent.path("op").asText().equals("chunk")) maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      bInbox.execute(() -> b.onMessage("a", sent));
    });
    b = new Transfers(tmp.resolve("b"), (to, body) -> {
      if (body.path("op").asText().equals("ack")) inFlight.decrementAndGet();
      ObjectNode sent = body.deepCopy();
      aInbox.execute(() -> a.onMessage("b", sent));
    });
  }

  private Path randomFile(String name, long size) throws IOException {
    Path f = tmp.resolve(name);
    Random r = new Random(size);
    byte[] buf = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(f)) {
      for (long left = size; left > 0; left -= buf.length) {
        r.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
    return f;
  }

  @Test void filesOfEverySizeArriveWholeWithAtMostAWindowInFlight() throws Exception {
    wire(UnaryOperator.identity());
    for (long size : new long[] {0, 1, Transfers.CHUNK - 1, Transfers.CHUNK, Transfers.CHUNK + 1, 40L * Transfers.CHUNK + 7}) {
      Path f = randomFile("f" + size, size);
      String id = a.sendFile("b", f);
      Transfers.Received got = b.take("a", id);
      assertEquals(size, Files.size(got.file()), "size " + size);
      assertEquals(-1L, Files.mismatch(f, got.file()), "content of " + size);
      assertEquals(Transfers.sha256(f), got.sha256());
    }
    assertTrue(maxInFlight.get() <= Transfers.WINDOW + 1, "in flight: " + maxInFlight.get());
  }

  @Test void aDamagedPartFailsBothSidesWithTheReason() throws Exception {
    wire(body -> {
      if (body.path("i").asLong() == 2 && body.path("op").asText().equals("chunk")) {
        String d = body.path("data").asText();
        body.put("data", (d.charAt(0) == 'A' ? "B" : "A") + d.substring(1));
      }
      return body;
    });
    Path f = randomFile("f", 5L * Transfers.CHUNK);
    IOException sent = assertThrows(IOException.class, () -> a.sendFile("b", f));
    assertTrue(sent.getMessage().contains("arrived damaged"), sent.getMessage());
  }

  @Test void aLostPartIsRefusedAndTheReceiverKeepsNothing() throws Exception {
    wire(body -> body.path("i").asLong() == 1 && body.path("op").asText().equals("chunk") ? null : body);
    Path f = randomFile("f", 3L * Transfers.CHUNK);
    IOException sent = assertThrows(IOException.class, () -> a.sendFile("b", f));
    assertTrue(sent.getMessage().contains("part 2 arrived where part 1 was due"), sent.getMessage());
    try (var left = Files.list(tmp.resolve("b"))) {
      assertEquals(0, left.count(), "the partial file is deleted");
    }
    assertThrows(IOException.class, () -> b.take("a", "no-such-transfer"));
  }
}
