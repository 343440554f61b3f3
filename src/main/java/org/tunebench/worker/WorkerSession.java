package org.tunebench.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.tunebench.api.Session;
import org.tunebench.api.StopTrial;
import org.tunebench.wire.Msg;

/** The function API's session: each report blocks the training thread until the driver answers. */
final class WorkerSession implements Session {
  private final TrialContext ctx;
  private volatile boolean stopped;
  private long lastReport = System.nanoTime();

  WorkerSession(TrialContext ctx) {
    this.ctx = ctx;
  }

  boolean stopped() {
    return stopped;
  }

  @Override public void report(Map<String, Object> metrics) {
    report(metrics, null);
  }

  @Override public void report(Map<String, Object> metrics, Path checkpointDir) {
    if (stopped) throw new StopTrial("trial already stopped");
    if (metrics == null) throw new IllegalArgumentException("report(null): metrics must be a map");
    if (checkpointDir != null && !checkpointDir.toFile().isDirectory()) {
      throw new IllegalArgumentException("report: checkpoint folder " + checkpointDir + " does not exist");
    }
    double elapsed = (System.nanoTime() - lastReport) / 1e9;
    ObjectNode reply = ctx.report(metrics, elapsed, checkpointDir);
    lastReport = System.nanoTime();
    String type = reply.path("type").asText();
    if (Msg.CONTINUE.equals(type)) return;
    if (Msg.RESET.equals(type)) ctx.send(ctx.msg(Msg.RESET_DONE).put("accepted", false));
    stopped = true;
    throw new StopTrial("trial " + type + " by the driver");
  }

  @Override public Optional<Path> checkpoint() {
    return Optional.ofNullable(ctx.restore);
  }

  @Override public String trialId() {
    return ctx.trialId;
  }

  @Override public Path trialDir() {
    return ctx.trialDir;
  }
}
