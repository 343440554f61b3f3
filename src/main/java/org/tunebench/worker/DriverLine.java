package org.tunebench.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;

/**
 * The worker's reading side of its line to the driver, read by whichever thread waits for the driver: the main
 * thread between trials and in the class API, the training thread in a function API's report. Only one thread
 * waits at a time (the main thread joins the training thread), so the reply to a result goes from the socket
 * straight to the thread that reported it, with no reader thread and queue in between (one thread wake-up
 * fewer per result; decision 0018). Nobody reads while user code runs; the driver sends nothing then but an
 * exit, which waits in the socket until the next read, and a driver that dies is seen on stdin.
 */
final class DriverLine {
  private final Channel channel;

  DriverLine(Channel channel) {
    this.channel = channel;
  }

  /** The next message; exits the worker when the driver says so, closes the line, or sends what cannot be read. */
  ObjectNode next() {
    ObjectNode msg;
    try {
      msg = channel.receive();
    } catch (IOException | RuntimeException e) {
      Descendants.halt(0);
      throw new IllegalStateException("unreachable: halted", e);
    }
    if (Msg.EXIT.equals(msg.path("type").asText())) Descendants.halt(0);
    return msg;
  }
}
