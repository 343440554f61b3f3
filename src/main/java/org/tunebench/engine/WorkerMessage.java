package org.tunebench.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;

/** What a worker tells the driver about its trial, read once from the wire into a typed value. */
sealed interface WorkerMessage {
  record Started(String kind) implements WorkerMessage {}

  /** One reported result; {@code checkpoint} is a folder the function API handed over with it. */
  record Result(Map<String, Object> metrics, double elapsedS, Path checkpoint) implements WorkerMessage {}

  record Checkpointed(Path dir) implements WorkerMessage {}

  record ResetDone(boolean accepted) implements WorkerMessage {}

  record Finished(String reason) implements WorkerMessage {}

  record Failed(String message, String stack) implements WorkerMessage {}

  record Unknown(String type) implements WorkerMessage {}

  static WorkerMessage parse(ObjectNode m) {
    String type = m.path("type").asText();
    return switch (type) {
      case Msg.STARTED -> new Started(m.path("kind").asText());
      case Msg.RESULT -> new Result(Values.toMap(m.path("metrics")), m.path("elapsed").asDouble(),
          m.hasNonNull("checkpoint") ? Path.of(m.path("checkpoint").asText()) : null);
      case Msg.CHECKPOINTED -> new Checkpointed(Path.of(m.path("dir").asText()));
      case Msg.RESET_DONE -> new ResetDone(m.path("accepted").asBoolean());
      case Msg.FINISHED -> new Finished(m.path("reason").asText());
      case Msg.ERROR -> new Failed(m.path("message").asText(), m.path("stack").asText(null));
      default -> new Unknown(type);
    };
  }
}
