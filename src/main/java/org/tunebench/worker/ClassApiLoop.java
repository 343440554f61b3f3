package org.tunebench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tunebench.api.Config;
import org.tunebench.api.Trainable;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;

/** Drives a class-API trainable: setup, restore, then step / report / obey until told to stop. */
final class ClassApiLoop {
  private final TrialContext ctx;
  private final Trainable trainable;

  ClassApiLoop(TrialContext ctx, Trainable trainable) {
    this.ctx = ctx;
    this.trainable = trainable;
  }

  @FunctionalInterface
  private interface UserCall<T> {
    T call() throws Exception;
  }

  private static <T> T call(String phase, UserCall<T> c) throws UserCodeException {
    try {
      return c.call();
    } catch (Throwable e) {
      throw new UserCodeException(phase, e);
    }
  }

  void run(Config config) throws Exception {
    call("setup", () -> { trainable.setup(config); return null; });
    if (ctx.restore != null) {
      call("loadCheckpoint", () -> { trainable.loadCheckpoint(ctx.restore); return null; });
    }
    while (true) {
      long t0 = System.nanoTime();
      Map<String, Object> metrics = call("step", trainable::step);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      if (metrics == null) {
        throw new UserCodeException("step", new IllegalStateException("step() returned null, not a metrics map"));
      }
      ObjectNode reply = call("step", () -> ctx.report(metrics, elapsed, null));
      JsonNode dir = TrialRunner.field(reply, "checkpoint");
      if (dir != null) save(Path.of(dir.asText()));
      switch (reply.path("type").asText()) {
        case Msg.CONTINUE -> { }
        case Msg.RESET -> {
          if (!reset(reply)) {
            finish("reset refused");
            return;
          }
        }
        default -> {
          finish("stopped");
          return;
        }
      }
    }
  }

  private void save(Path dir) throws Exception {
    org.tunebench.wire.PrivateFiles.directory(dir);
    call("saveCheckpoint", () -> { trainable.saveCheckpoint(dir); return null; });
    ctx.send(ctx.msg(Msg.CHECKPOINTED).put("dir", dir.toString()));
  }

  /** PBT exploit in place: the trainable takes the new config and the donor's checkpoint. */
  private boolean reset(ObjectNode reply) throws Exception {
    Config next = Config.of(Values.toMap(reply.path("config")));
    boolean accepted = call("resetConfig", () -> trainable.resetConfig(next));
    JsonNode restore = TrialRunner.field(reply, "restore");
    if (accepted && restore != null) {
      call("loadCheckpoint", () -> { trainable.loadCheckpoint(Path.of(restore.asText())); return null; });
    }
    ctx.send(ctx.msg(Msg.RESET_DONE).put("accepted", accepted));
    return accepted;
  }

  private void finish(String reason) throws Exception {
    call("cleanup", () -> { trainable.cleanup(); return null; });
    ctx.sendLast(ctx.msg(Msg.FINISHED).put("reason", reason));
  }
}
