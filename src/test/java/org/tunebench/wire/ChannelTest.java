package org.tunebench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelTest {
  private ServerSocket server;
  private Socket client;
  private Channel near;
  private Channel far;

  @BeforeEach void connect() throws Exception {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
    near = new Channel(server.accept());
    far = new Channel(client);
  }

  @AfterEach void close() throws Exception {
    near.close();
    far.close();
    server.close();
  }

  /** Writes {@code {"type":"result","blob":"xxx…"}} of {@code size} bytes plus a newline, on its own thread. */
  private Thread writeRaw(int size) {
    Thread t = new Thread(() -> {
      try {
        OutputStream out = client.getOutputStream();
        byte[] head = "{\"type\":\"result\",\"blob\":\"".getBytes(StandardCharsets.UTF_8);
        out.write(head);
        byte[] chunk = new byte[1 << 16];
        java.util.Arrays.fill(chunk, (byte) 'x');
        int left = size - head.length - 2;
        while (left > 0) {
          int n = Math.min(left, chunk.length);
          out.write(chunk, 0, n);
          left -= n;
        }
        out.write("\"}\n{\"type\":\"continue\"}\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (Exception ignored) {
        // the reader may close early
      }
    });
    t.start();
    return t;
  }

  @Test void messagesRoundTripIncludingNaN() throws Exception {
    far.send(Channel.message(Msg.RESULT).put("score", Double.NaN).put("n", 3L));
    ObjectNode m = near.receive();
    assertEquals("result", m.path("type").asText());
    assertTrue(Double.isNaN(m.path("score").asDouble()));
    assertEquals(3L, m.path("n").asLong());
  }

  /** The common reply travels as fixed bytes; it and its near relatives read back as what was sent. */
  @Test void continueRepliesRoundTripWithAndWithoutACheckpoint() throws Exception {
    far.send(Channel.message(Msg.CONTINUE));
    far.send(Channel.message(Msg.CONTINUE).put("checkpoint", "/tmp/c 1"));
    far.send(Channel.message(Msg.STOP));
    ObjectNode plain = near.receive();
    assertEquals(Channel.message(Msg.CONTINUE), plain);
    plain.put("changed", true); // a reply read is the reader's own: the next one is unchanged
    assertEquals("/tmp/c 1", near.receive().path("checkpoint").asText());
    assertEquals(Channel.message(Msg.STOP), near.receive());
    far.send(Channel.message(Msg.CONTINUE));
    assertEquals(Channel.message(Msg.CONTINUE), near.receive());
    client.getOutputStream().write("{ \"type\" : \"continue\" }\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(Channel.message(Msg.CONTINUE), near.receive(), "spaced out, it goes through the parser");
  }

  @Test void anOversizedMessageIsReportedWithItsSizeAndTheNextOneStillArrives() throws Exception {
    int size = Channel.MAX_MESSAGE_BYTES + 1000;
    Thread w = writeRaw(size);
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class, near::receive);
    assertEquals("result", e.type());
    assertEquals(size, e.bytes());
    assertEquals("result too large: " + size + " bytes, limit " + Channel.MAX_MESSAGE_BYTES, e.getMessage());
    assertEquals("continue", near.receive().path("type").asText());
    w.join();
  }

  @Test void anUntrustedPeerIsCutOffAtItsCapWithoutReadingTheRest() throws Exception {
    writeRaw(50 << 20);
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> near.receiveUntrusted(4096));
    assertTrue(e.bytes() <= 4096 + (1 << 16), "stopped within one buffer of the cap: " + e.bytes());
    assertTrue(e.getMessage().startsWith("result too large: more than "), e.getMessage());
  }

  @Test void sendRefusesAnOversizedMessageBeforeWritingAnything() throws Exception {
    ObjectNode big = Channel.message(Msg.RESULT).put("blob", "x".repeat(Channel.MAX_MESSAGE_BYTES));
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> far.send(big));
    assertEquals("result", e.type());
    assertTrue(e.bytes() > Channel.MAX_MESSAGE_BYTES);
    far.send(Channel.message(Msg.FINISHED));
    assertEquals("finished", near.receive().path("type").asText(), "the line stays usable");
  }

  @Test void somethingOtherThanAnObjectIsAnError() throws Exception {
    client.getOutputStream().write("[1,2]\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(assertThrows(WireFormatException.class, near::receive).getMessage().startsWith("not a JSON object"));
  }
}
