package org.tunebench.engine.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.tunebench.engine.exec.LaunchSpec;
import org.tunebench.engine.exec.TrialExecutor;
import org.tunebench.engine.exec.WorkerHandle;
import org.tunebench.engine.exec.WorkerListener;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;

/**
 * An in-memory executor for driver-logic tests: each launch gives a {@link FakeWorker} that the test
 * scripts (started, results, checkpoints, exits) and whose replies it reads. No child JVM, milliseconds.
 */
public final class FakeExecutor implements TrialExecutor {
  private final LinkedBlockingQueue<FakeWorker> launched = new LinkedBlockingQueue<>();
  public final List<FakeWorker> all = new CopyOnWriteArrayList<>();

  @Override public WorkerHandle launch(LaunchSpec spec, WorkerListener listener) {
    FakeWorker w = new FakeWorker(spec, listener);
    all.add(w);
    launched.add(w);
    return w;
  }

  /** The next worker the driver launches, waiting up to 5 s. */
  public FakeWorker nextWorker() throws InterruptedException {
    FakeWorker w = launched.poll(5, TimeUnit.SECONDS);
    if (w == null) throw new AssertionError("the driver launched no worker within 5 s");
    return w;
  }

  /** The next worker the driver launches within {@code ms}, or null. */
  public FakeWorker pollWorker(long ms) throws InterruptedException {
    return launched.poll(ms, TimeUnit.MILLISECONDS);
  }

  /** What a launched worker that has not started waits for, as a cluster executor says it. */
  public volatile String waiting;

  @Override public String waitingFor(WorkerHandle worker) {
    return worker instanceof FakeWorker w && !w.startedYet ? waiting : null;
  }

  @Override public void release(WorkerHandle worker) {
  }

  @Override public void releaseIdle() {
  }

  @Override public int workerCount() {
    return (int) all.stream().filter(w -> !w.killed).count();
  }

  @Override public void close() {
  }

  /** One scripted worker: the test speaks for it; the driver's replies queue up. */
  public static final class FakeWorker implements WorkerHandle {
    volatile boolean startedYet;
    public final LaunchSpec spec;
    private final WorkerListener listener;
    private final LinkedBlockingQueue<ObjectNode> replies = new LinkedBlockingQueue<>();
    public volatile boolean killed;

    FakeWorker(LaunchSpec spec, WorkerListener listener) {
      this.spec = spec;
      this.listener = listener;
    }

    private ObjectNode msg(String type) {
      ObjectNode m = Channel.message(type);
      m.put("trialId", spec.trialId()).put("attempt", spec.attempt());
      return m;
    }

    public FakeWorker started(String kind) {
      startedYet = true;
      ObjectNode m = msg(Msg.STARTED);
      m.put("kind", kind);
      listener.onMessage(this, m);
      return this;
    }

    public void result(Object... keyValues) {
      ObjectNode m = msg(Msg.RESULT);
      java.util.Map<String, Object> metrics = new java.util.LinkedHashMap<>();
      for (int i = 0; i < keyValues.length; i += 2) metrics.put((String) keyValues[i], keyValues[i + 1]);
      m.set("metrics", Values.toJsonObject(metrics));
      m.put("elapsed", 0.01);
      listener.onMessage(this, m);
    }

    public void checkpointed(Path dir) {
      ObjectNode m = msg(Msg.CHECKPOINTED);
      m.put("dir", dir.toString());
      listener.onMessage(this, m);
    }

    public void finished(String reason) {
      ObjectNode m = msg(Msg.FINISHED);
      m.put("reason", reason);
      listener.onMessage(this, m);
    }

    /** Answers a PBT reset (class API): {@code accepted} false makes the driver restart the trial instead. */
    public void resetDone(boolean accepted) {
      ObjectNode m = msg(Msg.RESET_DONE);
      m.put("accepted", accepted);
      listener.onMessage(this, m);
    }

    public void exits(String description) {
      listener.onExit(this, description);
    }

    /** The driver's next reply, waiting up to 5 s; null if none came. */
    public ObjectNode reply() throws InterruptedException {
      return replies.poll(5, TimeUnit.SECONDS);
    }

    /** A reply within {@code ms}, or null: for checking that none comes. */
    public ObjectNode replyWithin(long ms) throws InterruptedException {
      return replies.poll(ms, TimeUnit.MILLISECONDS);
    }

    @Override public void send(ObjectNode message) {
      replies.add(message);
    }

    @Override public void kill() {
      killed = true;
    }

    @Override public long pid() {
      return 4242;
    }

    @Override public String node() {
      return "fake";
    }

    @Override public Path log() {
      return spec.trialDir().resolve("worker.log");
    }
  }
}
