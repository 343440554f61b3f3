package org.tunebench.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;

/** What the driver answers a worker's result with; the wire form is made in one place. */
sealed interface WorkerReply {
  /** Go on; save a checkpoint to {@code checkpoint} first when it is not null (class API). */
  record Continue(Path checkpoint) implements WorkerReply {}

  /** End the trial; save a checkpoint to {@code checkpoint} first when it is not null (class API). */
  record Stop(Path checkpoint) implements WorkerReply {}

  /** PBT exploit in place: load the donor's checkpoint and take the new config (class API). */
  record Reset(Map<String, Object> config, Path restore) implements WorkerReply {}

  default ObjectNode toJson() {
    ObjectNode m;
    if (this instanceof Reset r) {
      m = Channel.message(Msg.RESET);
      m.set("config", Values.toJsonObject(r.config()));
      m.put("restore", r.restore().toString());
      return m;
    }
    Path checkpoint = this instanceof Continue c ? c.checkpoint() : ((Stop) this).checkpoint();
    m = Channel.message(this instanceof Continue ? Msg.CONTINUE : Msg.STOP);
    if (checkpoint != null) m.put("checkpoint", checkpoint.toString());
    return m;
  }
}
