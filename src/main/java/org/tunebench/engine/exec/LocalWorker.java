package org.tunebench.engine.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tunebench.wire.Channel;
import org.tunebench.wire.MessageTooLargeException;
import org.tunebench.wire.Msg;
import org.tunebench.wire.WireFormatException;

/** A child worker JVM as the executor sees it. */
final class LocalWorker implements WorkerHandle {
  private static final String NODE = hostName();
  private final String id;
  private volatile Process process; // null while the JVM waits for a boot slot
  private final LaunchSpec.WorkerKey key;
  private final Path log;
  private final Consumer<LocalWorker> onGone;
  private final List<ObjectNode> outbox = new ArrayList<>();
  private Channel channel;
  private volatile long pid = -1;
  private volatile WorkerListener listener;
  private volatile boolean gone;
  private volatile boolean killedHere;
  private volatile ObjectNode lastStart;
  private final String tag;

  LocalWorker(String id, Process process, LaunchSpec.WorkerKey key, Path log, Consumer<LocalWorker> onGone) {
    this(id, process, key, log, onGone, null);
  }

  /** {@code tag}: the worker's {@link OrphanSweep#TAG}, or null when it has none. */
  LocalWorker(String id, Process process, LaunchSpec.WorkerKey key, Path log, Consumer<LocalWorker> onGone,
      String tag) {
    this(id, key, log, onGone, tag);
    started(process);
  }

  /** A worker whose JVM is not started yet ({@link #started}); messages sent to it wait for it. */
  LocalWorker(String id, LaunchSpec.WorkerKey key, Path log, Consumer<LocalWorker> onGone, String tag) {
    this.tag = tag;
    this.id = id;
    this.key = key;
    this.log = log;
    this.onGone = onGone;
  }

  /** Its JVM now runs; false (and the process is ended) if the worker was killed while it waited to start. */
  boolean started(Process p) {
    synchronized (this) {
      if (!gone) {
        process = p;
        pid = p.pid();
        return true;
      }
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    return false;
  }

  private volatile boolean waitingForBoot;
  private volatile Runnable onConnected = () -> { };

  void waitingForBoot(boolean waiting) {
    waitingForBoot = waiting;
  }

  /** Still waiting for a boot slot: its JVM has not been started. */
  boolean isWaitingForBoot() {
    return waitingForBoot && !gone;
  }

  /** Runs once when the worker has said hello. */
  void onConnected(Runnable r) {
    onConnected = r;
  }

  /** Killed (or ended) already: a worker still waiting for a boot slot is then never started. */
  boolean isGone() {
    return gone;
  }

  String id() {
    return id;
  }

  LaunchSpec.WorkerKey key() {
    return key;
  }

  /** The JVM process itself (tests close its stdin to play a driver that died). */
  Process process() {
    return process;
  }

  boolean isAlive() {
    Process p = process;
    return !gone && (p == null || p.isAlive());
  }

  void assign(WorkerListener l) {
    this.listener = l;
  }

  void connected(Channel ch, long reportedPid) {
    onConnected.run();
    List<ObjectNode> queued;
    synchronized (this) {
      channel = ch;
      queued = new ArrayList<>(outbox);
      outbox.clear();
    }
    if (reportedPid > 0) pid = reportedPid;
    for (ObjectNode m : queued) write(ch, m);
    Thread reader = new Thread(() -> readLoop(ch), "tunebench-worker-" + id);
    reader.setDaemon(true);
    reader.start();
  }

  private void readLoop(Channel ch) {
    try {
      while (true) {
        ObjectNode m = ch.receive();
        WorkerListener l = listener;
        if (l != null) l.onMessage(this, m);
      }
    } catch (MessageTooLargeException | WireFormatException | RuntimeException e) {
      if (!gone) unreadable(e);
    } catch (IOException e) {
      // end of stream or a reset connection: the exit is reported once the process is gone (processEnded)
    }
  }

  /**
   * A message this side cannot take (too large, not JSON) leaves the stream at an unknown point: the worker is
   * ended and its trial errored with the cause, so the trial neither hangs nor ends with a wrong reason.
   */
  private void unreadable(Exception e) {
    failWire(e instanceof MessageTooLargeException ? e.getMessage()
        : "unreadable message from the worker: " + e.getMessage());
  }

  private void failWire(String why) {
    WorkerListener l = listener;
    if (l != null) {
      ObjectNode error = Channel.message(Msg.ERROR);
      ObjectNode start = lastStart;
      if (start != null) error.put("trialId", start.path("trialId").asText()).put("attempt", start.path("attempt").asLong());
      l.onMessage(this, error.put("message", why).put("phase", "wire"));
    }
    kill();
  }

  @Override public void send(ObjectNode message) {
    if (Msg.START.equals(message.path("type").asText())) lastStart = message;
    Channel ch;
    synchronized (this) {
      ch = channel;
      if (ch == null) {
        outbox.add(message);
        return;
      }
    }
    write(ch, message);
  }

  private void write(Channel ch, ObjectNode m) {
    try {
      ch.send(m);
    } catch (MessageTooLargeException e) {
      // nothing was sent and the trial cannot go on without it: say why rather than leave it waiting
      failWire("cannot send to the worker: " + e.getMessage());
    } catch (IOException e) {
      // the worker died; processEnded tells the listener
    }
  }

  void processEnded() {
    gone = true;
    Process p = process;
    // a worker that died by a signal nobody here sent did not take its trials' processes with it (every
    // other way out kills them itself); the sweep reads all of /proc, so it runs only then
    if (tag != null && !killedHere && p.exitValue() > 128) OrphanSweep.kill(tag);
    onGone.accept(this);
    Channel ch;
    synchronized (this) {
      ch = channel;
    }
    if (ch != null) ch.close();
    WorkerListener l = listener;
    if (l != null) l.onExit(this, describeExit(p.exitValue()));
  }

  static String describeExit(int code) {
    if (code > 128 && code < 160) {
      int sig = code - 128;
      String name = switch (sig) {
        case 9 -> "SIGKILL";
        case 15 -> "SIGTERM";
        case 11 -> "SIGSEGV";
        case 6 -> "SIGABRT";
        default -> "signal " + sig;
      };
      return "worker process was killed by " + name + " (exit code " + code + ")";
    }
    return "worker process exited with code " + code;
  }

  /** Its JVM could not be started: over, with {@code why} as its exit. */
  void endUnstarted(String why) {
    synchronized (this) {
      if (gone) return;
      gone = true;
      killedHere = true;
    }
    reportEnd(why);
  }

  /**
   * The end of a worker that never ran, reported as a started one's is when its process ends, but not on the
   * caller's thread (the driver kills from its loop and expects the exit as a later event).
   */
  private void reportEnd(String why) {
    Thread t = new Thread(() -> {
      onGone.accept(this);
      WorkerListener l = listener;
      if (l != null) l.onExit(this, why);
    }, "tunebench-worker-unstarted-" + id);
    t.setDaemon(true);
    t.start();
  }

  @Override public void kill() {
    Process p;
    synchronized (this) {
      killedHere = true;
      if (gone && process == null) return; // already ended before it started
      gone = true;
      p = process;
    }
    if (p == null) {
      reportEnd("worker stopped before its JVM started");
      return;
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  @Override public long pid() {
    return pid;
  }

  @Override public String node() {
    return NODE;
  }

  @Override public Path log() {
    return log;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
