package org.tunebench.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One JSON object per line over a loopback socket. Measured small (a result is ~200 bytes); line framing
 * keeps the protocol readable in a packet capture and needs no length prefixes. Both directions are capped at
 * {@link #MAX_MESSAGE_BYTES}, below the JSON reader's own limits (20 M characters per string), so an
 * oversized message is refused by size with a clear reason instead of failing deep in the parser.
 */
public final class Channel implements Closeable {
  public static final int MAX_MESSAGE_BYTES = 16 << 20;
  /**
   * The driver's answer to nearly every result. Written and recognised as these bytes without the JSON library:
   * a worker that runs thousands of steps then never warms up (JIT-compiles) Jackson's parser for its replies,
   * which cost each worker JVM CPU while every worker and the driver share the cores.
   */
  private static final byte[] CONTINUE = ("{\"type\":\"" + Msg.CONTINUE + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private final Socket socket;
  private final LineReader in;
  private final OutputStream out;

  public Channel(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.in = new LineReader(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
  }

  /** Sends one message; a message over the limit is refused before anything is written. */
  public synchronized void send(ObjectNode message) throws IOException {
    byte[] b = isContinue(message) ? CONTINUE : Wire.JSON.writeValueAsBytes(message);
    if (b.length + 1 > MAX_MESSAGE_BYTES) {
      throw new MessageTooLargeException(message.path("type").asText(null), b.length + 1L, true, MAX_MESSAGE_BYTES);
    }
    out.write(b);
    out.write('\n');
    out.flush();
  }

  /**
   * Blocks for the next message; EOFException when the other side closed, MessageTooLargeException (with the
   * full size: the rest of the line is skipped, not kept) when it is over the limit.
   */
  public ObjectNode receive() throws IOException {
    return parse(in.next(MAX_MESSAGE_BYTES, true));
  }

  /** As {@link #receive()} for a peer not yet trusted: over {@code maxBytes} it stops reading at once. */
  public ObjectNode receiveUntrusted(int maxBytes) throws IOException {
    return parse(in.next(maxBytes, false));
  }

  private static boolean isContinue(ObjectNode m) {
    return m.size() == 1 && Msg.CONTINUE.equals(m.path("type").textValue());
  }

  private ObjectNode parse(byte[] line) throws WireFormatException {
    if (in.length() == CONTINUE.length && java.util.Arrays.equals(line, 0, CONTINUE.length, CONTINUE, 0, CONTINUE.length)) {
      return message(Msg.CONTINUE);
    }
    JsonNode n;
    try {
      n = Wire.JSON.readTree(line, 0, in.length());
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new WireFormatException("not JSON: " + why, e);
    }
    if (!(n instanceof ObjectNode o)) throw new WireFormatException("not a JSON object: a wire message must be one", null);
    return o;
  }

  public static ObjectNode message(String type) {
    return Wire.JSON.createObjectNode().put("type", type);
  }

  @Override public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is best effort: the peer may already be gone
    }
  }
}
