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
  private final Process process;
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
    this.tag = tag;
    this.id = id;
    this.process = process;
    this.key = key;
    this.log = log;
    this.onGone = onGone;
    this.pid = process.pid();
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
    return !gone && process.isAlive();
  }

  void assign(WorkerListener l) {
    this.listener = l;
  }

  void connected(Channel ch, long reportedPid) {
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
    // a worker that died by a signal nobody here sent did not take its trials' processes with it (every
    // other way out kills them itself); the sweep reads all of /proc, so it runs only then
    if (tag != null && !killedHere && process.exitValue() > 128) OrphanSweep.kill(tag);
    onGone.accept(this);
    Channel ch;
    synchronized (this) {
      ch = channel;
    }
    if (ch != null) ch.close();
    WorkerListener l = listener;
    if (l != null) l.onExit(this, describeExit(process.exitValue()));
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

  @Override public void kill() {
    killedHere = true;
    gone = true;
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
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
