package org.tunebench.engine.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;

/**
 * Runs each trial in a child JVM on this machine. Workers connect back over loopback and prove themselves
 * with a per-executor secret; an idle worker is reused for the next trial of the same JAR and JVM options
 * (Ray Tune's {@code reuse_actors}).
 */
public final class LocalProcessExecutor implements TrialExecutor {
  private final Path workerLogDir;
  private final ServerSocket server;
  static final int MAX_HELLO_BYTES = 4096;
  static final int HELLO_TIMEOUT_MS = 10_000;
  static final int MAX_PENDING_HANDSHAKES = 256;
  /** At most this long one boot keeps others waiting for its slot (see {@link BootGate}). */
  static final long BOOT_PACE_MS = 300;
  private final AtomicInteger handshakes = new AtomicInteger();
  private final String secret;
  private final byte[] secretBytes;
  private final String tagPrefix; // unique per executor, so that workers of other drivers are never matched
  private final Thread acceptor;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Map<String, LocalWorker> connecting = new ConcurrentHashMap<>();
  private final Map<String, LocalWorker> alive = new ConcurrentHashMap<>();
  private final Map<LaunchSpec.WorkerKey, Deque<LocalWorker>> idle = new HashMap<>();
  private volatile boolean closed;
  private final BootGate boots;

  /** Boots as many worker JVMs at once as this machine has cores. */
  public LocalProcessExecutor(Path workerLogDir) {
    this(workerLogDir, Runtime.getRuntime().availableProcessors());
  }

  /** {@code bootSlots}: how many worker JVMs may boot at once. */
  LocalProcessExecutor(Path workerLogDir, int bootSlots) {
    this(workerLogDir, bootSlots, BOOT_PACE_MS);
  }

  /** {@code bootSlots} JVMs boot at once, each holding its slot at most {@code bootPaceMs} (see {@link BootGate}). */
  LocalProcessExecutor(Path workerLogDir, int bootSlots, long bootPaceMs) {
    this.boots = new BootGate(bootSlots, bootPaceMs);
    this.workerLogDir = workerLogDir;
    byte[] s = new byte[24];
    new SecureRandom().nextBytes(s);
    this.secret = HexFormat.of().formatHex(s);
    this.secretBytes = secret.getBytes(StandardCharsets.UTF_8);
    byte[] t = new byte[6];
    new SecureRandom().nextBytes(t);
    this.tagPrefix = HexFormat.of().formatHex(t) + "-";
    try {
      org.tunebench.wire.PrivateFiles.directory(workerLogDir);
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the loopback port for workers", e);
    }
    this.acceptor = new Thread(this::acceptLoop, "tunebench-worker-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @Override public WorkerHandle launch(LaunchSpec spec, WorkerListener listener) {
    LocalWorker worker = takeIdle(spec.key());
    if (worker == null) worker = spawn(spec);
    worker.assign(listener);
    worker.send(startMessage(spec));
    return worker;
  }

  private static ObjectNode startMessage(LaunchSpec spec) {
    ObjectNode m = Channel.message(Msg.START)
        .put("trialId", spec.trialId()).put("attempt", spec.attempt())
        .put("jar", spec.jar().toString()).put("className", spec.className())
        .put("trialDir", spec.trialDir().toString());
    m.set("config", org.tunebench.wire.Values.toJsonObject(spec.config()));
    if (spec.restore() != null) m.put("restore", spec.restore().toString());
    if (spec.gpuIds() != null) spec.gpuIds().forEach(m.putArray("gpuIds")::add);
    return m;
  }

  private synchronized LocalWorker takeIdle(LaunchSpec.WorkerKey key) {
    Deque<LocalWorker> q = idle.get(key);
    while (q != null && !q.isEmpty()) {
      LocalWorker w = q.poll();
      if (w.isAlive()) return w;
    }
    return null;
  }

  private LocalWorker spawn(LaunchSpec spec) {
    if (closed) throw new IllegalStateException("executor closed");
    String id = "w" + nextId.incrementAndGet();
    Path log = workerLogDir.resolve("worker-" + id + ".log");
    try {
      org.tunebench.wire.PrivateFiles.file(log); // 0600 whatever the umask: the redirect below keeps it so
    } catch (IOException e) {
      // the redirect reports a folder it cannot write to when the worker starts
    }
    ProcessBuilder pb = new ProcessBuilder(JvmCommand.build(spec, server.getLocalPort(), id))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    WorkerEnvironment.scrub(pb.environment());
    pb.environment().put("TUNEBENCH_WORKER", id);
    String tag = tagPrefix + id;
    pb.environment().put(OrphanSweep.TAG, tag);
    if (spec.gpuIds() != null) pb.environment().put("CUDA_VISIBLE_DEVICES", String.join(",", spec.gpuIds()));
    LocalWorker w = new LocalWorker(id, spec.key(), log, this::forget, tag);
    connecting.put(id, w);
    alive.put(id, w);
    IOException[] failed = {null};
    Thread caller = Thread.currentThread();
    w.waitingForBoot(true); // before it may boot on another thread, which clears it
    boots.enter(hold -> {
      IOException e = boot(w, pb, hold);
      if (e == null) return;
      if (Thread.currentThread() == caller) {
        failed[0] = e;
      } else {
        // started later, on whichever thread freed the slot: the trial learns of it as of any exit
        w.endUnstarted("cannot start a worker JVM: " + e.getMessage());
      }
    });
    if (failed[0] != null) {
      forget(w);
      throw new UncheckedIOException("cannot start a worker JVM: " + failed[0].getMessage(), failed[0]);
    }
    return w;
  }

  /** Starts the worker's JVM in its boot slot; the slot is given back at its hello or its end. */
  private IOException boot(LocalWorker w, ProcessBuilder pb, BootGate.Hold hold) {
    w.waitingForBoot(false);
    if (w.isGone() || closed) {
      hold.release();
      return null;
    }
    Process p = null;
    try {
      p = pb.start();
      // the secret travels through the stdin pipe, which the worker reads once before any user code runs;
      // the pipe then stays open: its end tells the worker that the driver is gone
      p.getOutputStream().write((secret + "\n").getBytes(StandardCharsets.US_ASCII));
      p.getOutputStream().flush();
      w.onConnected(hold::release);
    } catch (IOException e) {
      if (p != null) p.destroyForcibly();
      hold.release();
      return e;
    }
    if (w.started(p)) {
      p.onExit().thenRun(() -> {
        hold.release();
        w.processEnded();
      });
    } else {
      hold.release();
    }
    return null;
  }

  private void forget(LocalWorker w) {
    connecting.remove(w.id());
    alive.remove(w.id());
    synchronized (this) {
      Deque<LocalWorker> q = idle.get(w.key());
      if (q != null) q.remove(w);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        if (handshakes.incrementAndGet() > MAX_PENDING_HANDSHAKES) {
          // a flood of silent connections must not cost the driver a thread each
          handshakes.decrementAndGet();
          s.close();
          continue;
        }
        Thread t = new Thread(() -> {
          try {
            handshake(s);
          } finally {
            handshakes.decrementAndGet();
          }
        }, "tunebench-worker-handshake");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) continue;
      }
    }
  }

  /**
   * Nothing a peer says is acted on before its secret is checked (in constant time); until then it may send at
   * most {@link #MAX_HELLO_BYTES} and gets {@link #HELLO_TIMEOUT_MS} to do so.
   */
  private void handshake(Socket s) {
    try {
      s.setSoTimeout(HELLO_TIMEOUT_MS);
      Channel ch = new Channel(s);
      ObjectNode hello = ch.receiveUntrusted(MAX_HELLO_BYTES);
      s.setSoTimeout(0);
      byte[] offered = hello.path("secret").asText("").getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(secretBytes, offered) || !Msg.HELLO.equals(hello.path("type").asText())) {
        ch.close();
        return;
      }
      LocalWorker w = connecting.remove(hello.path("workerId").asText());
      if (w == null) {
        ch.close();
        return;
      }
      w.connected(ch, hello.path("pid").asLong(-1));
    } catch (IOException | RuntimeException e) {
      try {
        s.close();
      } catch (IOException ignored) {
        // nothing more to do with a peer that failed the handshake
      }
    }
  }

  @Override public void release(WorkerHandle worker) {
    LocalWorker w = (LocalWorker) worker;
    w.assign(null);
    synchronized (this) {
      if (closed || !w.isAlive()) return;
      idle.computeIfAbsent(w.key(), k -> new ArrayDeque<>()).add(w);
    }
  }

  @Override public void releaseIdle() {
    Deque<LocalWorker> all = new ArrayDeque<>();
    synchronized (this) {
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    all.forEach(LocalWorker::kill);
  }

  /** The secret a worker must show; package-private so tests can check it leaks nowhere. */
  String secret() {
    return secret;
  }

  /** Workers alive now (started or idle). */
  java.util.Collection<LocalWorker> workers() {
    return java.util.List.copyOf(alive.values());
  }

  /** The loopback port workers connect to. */
  int port() {
    return server.getLocalPort();
  }

  @Override public String waitingFor(WorkerHandle worker) {
    return worker instanceof LocalWorker w && w.isWaitingForBoot()
        ? "waiting for a free core to start its worker JVM"
        : null;
  }

  @Override public int workerCount() {
    return alive.size();
  }

  @Override public void close() {
    closed = true;
    releaseIdle();
    alive.values().forEach(LocalWorker::kill);
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
