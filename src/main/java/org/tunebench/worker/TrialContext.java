package org.tunebench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.tunebench.wire.Channel;
import org.tunebench.wire.MessageTooLargeException;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;

/** One trial's identity inside the worker and its line to the driver. */
final class TrialContext {
  final String trialId;
  final long attempt;
  final Path trialDir;
  final Path restore;
  private final Channel channel;
  private final DriverLine line;

  TrialContext(ObjectNode start, Channel channel, DriverLine line) {
    this.trialId = start.path("trialId").asText();
    this.attempt = start.path("attempt").asLong();
    this.trialDir = Path.of(start.path("trialDir").asText());
    JsonNode r = TrialRunner.field(start, "restore");
    this.restore = r == null ? null : Path.of(r.asText());
    this.channel = channel;
    this.line = line;
  }

  private Runnable beforeLastMessage = () -> { };

  /** Runs {@code r} just before the trial's last message, so the driver never sees the end before it is done. */
  void beforeLastMessage(Runnable r) {
    beforeLastMessage = r;
  }

  /** Sends the trial's last message (finished or error) once what must precede it has run. */
  void sendLast(ObjectNode message) {
    Runnable r = beforeLastMessage;
    beforeLastMessage = () -> { };
    r.run();
    send(message);
  }

  ObjectNode msg(String type) {
    return Channel.message(type).put("trialId", trialId).put("attempt", attempt);
  }

  void send(ObjectNode message) {
    try {
      channel.send(message);
    } catch (MessageTooLargeException e) {
      // refused before sending: the user's call fails with the reason and the line to the driver stays usable
      throw new IllegalArgumentException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("lost the driver", e);
    }
  }

  /** Sends one result and blocks until the driver has taken and stored it; returns its reply. */
  ObjectNode report(Map<?, ?> metrics, double elapsedS, Path checkpoint) {
    ObjectNode m = msg(Msg.RESULT);
    m.set("metrics", Values.toJsonObject(metrics));
    m.put("elapsed", elapsedS);
    if (checkpoint != null) m.put("checkpoint", checkpoint.toAbsolutePath().toString());
    send(m);
    return awaitReply();
  }

  /**
   * The reply always comes (or the worker halts when the driver goes away). It is read from the socket by this
   * thread; a blocking socket read ignores interrupts, so an interrupt flag the user's code left set neither
   * fails the wait nor is lost.
   */
  private ObjectNode awaitReply() {
    return line.next();
  }
}
