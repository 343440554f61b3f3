package org.tunebench.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;

/** The driver's reader of one worker, fed by a peer that breaks the protocol. */
class LocalWorkerTest {
  private final List<ObjectNode> messages = new CopyOnWriteArrayList<>();

  private final WorkerListener listener = new WorkerListener() {
    @Override public void onMessage(WorkerHandle worker, ObjectNode message) {
      messages.add(message);
    }

    @Override public void onExit(WorkerHandle worker, String description) {}
  };

  private void feed(byte[] head, long fill, byte[] tail) throws Exception {
    Process stand = new ProcessBuilder("sleep", "60").start();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket peer = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      LocalWorker w = new LocalWorker("w1", stand, null, Path.of("worker.log"), x -> {});
      w.assign(listener);
      w.send(Channel.message(Msg.START).put("trialId", "00007").put("attempt", 3L));
      w.connected(new Channel(server.accept()), -1);
      OutputStream out = peer.getOutputStream();
      out.write(head);
      byte[] chunk = new byte[1 << 16];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (long left = fill; left > 0; left -= chunk.length) out.write(chunk, 0, (int) Math.min(left, chunk.length));
      out.write(tail);
      out.flush();
      assertTrue(stand.waitFor(20, TimeUnit.SECONDS), "the worker process is killed");
    } finally {
      stand.destroyForcibly();
    }
  }

  @Test void anOversizedResultErrorsTheTrialWithItsSizeAndKillsTheWorker() throws Exception {
    byte[] head = "{\"type\":\"result\",\"blob\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}\n".getBytes(StandardCharsets.UTF_8);
    long fill = 30L << 20;
    feed(head, fill, tail);
    assertEquals(1, messages.size());
    ObjectNode error = messages.get(0);
    assertEquals(Msg.ERROR, error.path("type").asText());
    assertEquals("00007", error.path("trialId").asText());
    assertEquals(3L, error.path("attempt").asLong());
    assertEquals("result too large: " + (head.length + fill + 2) + " bytes, limit " + Channel.MAX_MESSAGE_BYTES,
        error.path("message").asText());
  }

  @Test void aDriverMessageOverTheLimitErrorsTheTrialInsteadOfVanishing() throws Exception {
    Process stand = new ProcessBuilder("sleep", "60").start();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket peer = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      LocalWorker w = new LocalWorker("w1", stand, null, Path.of("worker.log"), x -> {});
      w.assign(listener);
      ObjectNode start = Channel.message(Msg.START).put("trialId", "00002").put("attempt", 1L);
      start.putObject("config").put("text", "x".repeat(Channel.MAX_MESSAGE_BYTES));
      w.send(start);
      w.connected(new Channel(server.accept()), -1);
      assertTrue(stand.waitFor(20, TimeUnit.SECONDS), "the worker process is killed");
    } finally {
      stand.destroyForcibly();
    }
    assertEquals(1, messages.size());
    assertEquals("00002", messages.get(0).path("trialId").asText());
    assertTrue(messages.get(0).path("message").asText().startsWith("cannot send to the worker: start too large: "),
        messages.get(0).toString());
  }

  @Test void anUnreadableMessageErrorsTheTrialToo() throws Exception {
    feed("{\"type\":\"result\", oops}\n".getBytes(StandardCharsets.UTF_8), 0, new byte[0]);
    assertEquals(1, messages.size());
    assertTrue(messages.get(0).path("message").asText().startsWith("unreadable message from the worker: "),
        messages.get(0).toString());
  }
}
