package org.tunebench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.Optional;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.exec.LaunchSpec;
import org.tunebench.engine.exec.LocalProcessExecutor;
import org.tunebench.engine.exec.TrialExecutor;
import org.tunebench.engine.exec.WorkerHandle;
import org.tunebench.engine.exec.WorkerListener;
import org.tunebench.model.ExperimentSpec.Resources;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;
import org.tunebench.wire.Wire;

/**
 * A worker node of a cluster: a Hazelcast member that joins the driver, takes sealed trial tasks from its
 * inbox topic, keeps the shipped Trainable JARs by content hash, and runs each trial in a child JVM of its own
 * {@link LocalProcessExecutor}. Worker messages go to the driver's inbox topic, the driver's to the worker;
 * folders named in messages (trial folder, checkpoints) are mapped between the driver's paths and the agent's
 * and checkpoints travel with the message that names them. Drivers are known by their own process id, never by
 * Hazelcast member UUID. A trial whose driver left, or has been silent for {@link #ORPHAN_AFTER_MS}, or no longer
 * lists it, is stopped: no worker outlives its driver. When its Hazelcast member is shut down (by anyone but
 * {@link #close()}), the agent joins again by itself. All state is owned by one thread.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Agent.class.getName());

  /** This machine's name, for the workbench's Agents panel (the Hazelcast address is only an IP). */
  private static final String HOST_NAME = hostName();

  private final ClusterSecret secret;
  private final Path home;
  private final Consumer<String> out;
  /** A driver unheard of for this long has lost its trials here (it says which are its own every 2 s). */
  static final long ORPHAN_AFTER_MS = 20_000;

  private volatile HazelcastInstance hz;
  private final UUID self = UUID.randomUUID();
  private final String inbox = self.toString();
  private final String join;
  private final String bind;
  private final TrialExecutor executor;
  private final Map<String, Long> driverHeardAt = new java.util.concurrent.ConcurrentHashMap<>();
  private final Object sending = new Object();
  private final Transfers transfers;
  /** JARs kept at most; the least recently used beyond this are deleted (unless a trial here runs them). */
  static final int MAX_JARS = 8;
  private volatile boolean closing;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tunebench-agent");
    t.setDaemon(true);
    return t;
  });
  /** Written by the loop only; read by the inbox listener and workers' readers too (fast paths of plain messages). */
  private final Map<String, Run> runs = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<ObjectNode>> waitingForJar = new HashMap<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final int cpus;
  private final List<String> gpuIds;
  private final long memoryMb;
  /** This agent's own capacity, shared by every driver it serves: it refuses ("busy") what does not fit. */
  private final ResourcePool pool;
  private final Map<String, Integer> refusedBy = new HashMap<>();

  /**
   * Joins {@code join} ("host:port") with {@code cpus}, GPUs {@code gpuIds} (each trial gets
   * {@code CUDA_VISIBLE_DEVICES} for its share) and {@code memoryMb} on offer; keeps JARs and trial folders under
   * {@code home}; {@code out} gets one line per trial started or ended and per refused task.
   */
  public Agent(String join, int cpus, List<String> gpuIds, long memoryMb, Path home, ClusterSecret secret,
      Consumer<String> out) {
    String[] hp = HazelcastSetup.hostPort(join);
    if (cpus < 1) throw new IllegalArgumentException("--cpus must be at least 1");
    if (memoryMb < 1) throw new IllegalArgumentException("--memory-mb must be at least 1");
    this.cpus = cpus;
    this.gpuIds = List.copyOf(gpuIds);
    this.memoryMb = memoryMb;
    this.pool = new ResourcePool(cpus, this.gpuIds, memoryMb);
    this.secret = secret;
    this.home = home;
    this.out = out;
    this.join = join;
    this.bind = HazelcastSetup.localAddressTowards(hp[0], Integer.parseInt(hp[1]));
    this.executor = new LocalProcessExecutor(home.resolve("workers"));
    this.transfers = new Transfers(home.resolve("transfers"), this::publish);
    this.hz = connect();
    loop.scheduleWithFixedDelay(this::stopOrphans, 1, 1, TimeUnit.SECONDS);
  }

  private HazelcastInstance connect() {
    HazelcastInstance h = Hazelcast.newHazelcastInstance(HazelcastSetup.config(secret.clusterName(), "tunebench-agent-"
        + ProcessHandle.current().pid() + "-" + System.nanoTime(), bind, 5701, true, join, false,
        Map.of(HazelcastSetup.ROLE, HazelcastSetup.AGENT, HazelcastSetup.INBOX, inbox,
            HazelcastSetup.CPUS, Integer.toString(cpus), HazelcastSetup.GPUS, Integer.toString(gpuIds.size()),
            HazelcastSetup.MEMORY, Long.toString(memoryMb))));
    h.getTopic(HazelcastSetup.AGENT_TOPIC + inbox).addMessageListener(m -> onPayload(HazelcastSetup.payload(m)));
    h.getCluster().addMembershipListener(new MembershipListener() {
      @Override public void memberAdded(MembershipEvent e) {
        if (HazelcastSetup.DRIVER.equals(e.getMember().getAttribute(HazelcastSetup.ROLE))) {
          out.accept("driver " + address(e.getMember()) + " joined");
        }
      }

      @Override public void memberRemoved(MembershipEvent e) {
        if (!HazelcastSetup.DRIVER.equals(e.getMember().getAttribute(HazelcastSetup.ROLE))) return;
        out.accept("driver " + address(e.getMember()) + " left");
        String driver = e.getMember().getAttribute(HazelcastSetup.INBOX);
        if (driver != null) transfers.abortTo(driver, "the receiver left the cluster");
        if (driver != null) loop.execute(() -> driverLeft(driver, "its driver left the cluster"));
      }
    });
    h.getLifecycleService().addLifecycleListener(e -> {
      if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN && !closing) {
        out.accept("agent's cluster member was shut down; joining " + join + " again");
        loop.schedule(this::rejoin, 1, TimeUnit.SECONDS);
      }
    });
    long drivers = h.getCluster().getMembers().stream()
        .filter(m -> HazelcastSetup.DRIVER.equals(m.getAttribute(HazelcastSetup.ROLE))).count();
    String offer = cpus + " cpus, " + gpuIds.size() + " gpus, " + memoryMb + " MB";
    // "joined" only when a driver is there: an agent that found none (nothing listens, another secret) is a
    // cluster of its own and said "joined" all the same, then nothing
    out.accept(drivers > 0
        ? "agent " + address(h.getCluster().getLocalMember()) + " joined the driver at " + join + " with " + offer
            + "; " + (h.getCluster().getMembers().size() - 1) + " other member(s)"
        : "agent " + address(h.getCluster().getLocalMember()) + " is up with " + offer + ", but found no driver at "
            + join + " (none listens there yet, or it uses another " + ClusterSecret.ENV + "); it joins one when one"
            + " starts there; 0 other member(s) with its secret");
    return h;
  }

  private void rejoin() {
    if (closing || hz.getLifecycleService().isRunning()) return;
    try {
      hz = connect();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot join " + join + " again; retrying", e);
      loop.schedule(this::rejoin, 2, TimeUnit.SECONDS);
    }
  }

  /** For tests: this agent's id, as drivers know it. */
  UUID id() {
    return self;
  }

  /** Blocks until the agent is closed (the CLI's agent runs until it is killed). */
  public void await() throws InterruptedException {
    closed.await();
  }

  /** On the inbox listener's thread: opens the envelope, takes file transfers, hands the rest to the loop. */
  private void onPayload(Object payload) {
    ClusterSecret.Opened o;
    try {
      o = secret.open(payload, ClusterSecret.Role.DRIVER);
    } catch (ClusterSecret.Refused r) {
      // a driver with another secret says hello twice a second: print the first refusals, then one in a hundred
      int n = refusedBy.merge(r.getMessage(), 1, Integer::sum);
      if (n <= 3 || n % 100 == 0) {
        out.accept("refused a task: " + r.getMessage() + (n > 3 ? " (" + n + " times)" : ""));
      }
      LOG.warning(() -> "refused a task: " + r.getMessage());
      return;
    }
    String driver = o.sender().toString();
    if (!inbox.equals(o.body().path("to").asText())) {
      out.accept("refused a task from driver " + driver + ": addressed to another agent");
      return;
    }
    driverHeardAt.put(driver, System.nanoTime());
    if (transfers.onMessage(driver, o.body())) return;
    ObjectNode body = o.body();
    if (body.path("op").asText().equals("send") && !body.hasNonNull("restore")) {
      Run r = runs.get(driver + "/" + body.path("handle").asText());
      ObjectNode m = (ObjectNode) body.path("msg");
      String type = m.path("type").asText();
      if (r != null && r.tasksOnLoop.get() == 0 && (Msg.CONTINUE.equals(type) || Msg.STOP.equals(type))) {
        // the driver's answer to a result goes straight to the worker: one thread hand-off less per result
        try {
          if (m.hasNonNull("checkpoint")) m.put("checkpoint", r.toLocal(m.path("checkpoint").asText()).toString());
          r.worker.send(m);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "cannot pass a message to trial " + r.trialId, e);
        }
        return;
      }
    }
    Run r = body.hasNonNull("handle") ? runs.get(driver + "/" + body.path("handle").asText()) : null;
    if (r != null) r.tasksOnLoop.incrementAndGet();
    loop.execute(() -> {
      try {
        onTask(driver, body);
      } finally {
        if (r != null) r.tasksOnLoop.decrementAndGet();
      }
    });
  }

  private void onTask(String driver, ObjectNode body) {
    try {
      switch (body.path("op").asText()) {
        case "launch" -> launch(body, driver);
        case "jar" -> jarArrived(body, driver);
        case "send" -> send(body, driver);
        case "kill" -> withRun(body, driver, r -> r.worker.kill());
        case "release" -> withRun(body, driver, r -> {
          runs.remove(r.key);
          pool.release(r.allocation);
          executor.release(r.worker);
          cleanUpLater(r);
        });
        case "releaseIdle" -> executor.releaseIdle();
        case "ping" -> publish(driver, body.put("op", "pong"));
        case "sync" -> sync(body, driver);
        case "hello" -> publish(driver, load(driver, Wire.JSON.createObjectNode().put("op", "ready")));
        default -> LOG.warning(() -> "unknown cluster task " + body.path("op").asText());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cluster task failed: " + body.path("op").asText(), e);
    }
  }

  private void launch(ObjectNode task, String driver) {
    task.put("driver", driver);
    String sha = task.path("jarSha").asText();
    if (!sha.matches("[0-9a-f]{64}")) {
      publish(driver, exit(task.path("handle").asText(), "agent refused the task: bad JAR hash"));
      return;
    }
    if (Files.isRegularFile(jarPath(sha))) {
      start(task, driver);
      return;
    }
    List<ObjectNode> waiting = waitingForJar.computeIfAbsent(sha, k -> new ArrayList<>());
    waiting.add(task);
    if (waiting.size() == 1) {
      ObjectNode need = Wire.JSON.createObjectNode().put("op", "needJar").put("sha", sha);
      publish(driver, need);
    }
  }

  private void jarArrived(ObjectNode reply, String driver) {
    String sha = reply.path("sha").asText();
    List<ObjectNode> waiting = waitingForJar.remove(sha);
    if (waiting == null) return;
    String error = reply.path("error").asText(null);
    if (error == null) {
      try {
        Transfers.Received r = transfers.take(driver, reply.path("blob").asText());
        if (!sha.equals(r.sha256())) {
          Files.deleteIfExists(r.file());
          throw new IOException("the shipped JAR does not match its hash");
        }
        Path target = jarPath(sha);
        Files.createDirectories(target.getParent());
        Files.move(r.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        pruneJars();
      } catch (IOException e) {
        error = "the JAR did not arrive: " + e.getMessage();
      }
    }
    for (ObjectNode t : waiting) {
      if (error == null) start(t, t.path("driver").asText());
      else publish(t.path("driver").asText(), exit(t.path("handle").asText(), "agent cannot run it: " + error));
    }
  }

  /** Keeps the {@link #MAX_JARS} most recently used JARs, and any JAR a trial here runs. */
  private void pruneJars() {
    Path dir = home.resolve("jars");
    java.util.Set<Path> inUse = new java.util.HashSet<>();
    runs.values().forEach(r -> inUse.add(r.jar));
    try (var s = Files.list(dir)) {
      List<Path> jars = s.filter(p -> p.toString().endsWith(".jar"))
          .sorted(java.util.Comparator.comparing((Path p) -> {
            try {
              return Files.getLastModifiedTime(p);
            } catch (IOException e) {
              return java.nio.file.attribute.FileTime.fromMillis(0);
            }
          }).reversed()).toList();
      for (Path j : jars.subList(Math.min(MAX_JARS, jars.size()), jars.size())) {
        if (!inUse.contains(j)) Files.deleteIfExists(j);
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot prune " + dir, e);
    }
  }

  private void start(ObjectNode task, String driver) {
    String handle = task.path("handle").asText();
    String trialId = task.path("trialId").asText();
    long attempt = task.path("attempt").asLong();
    if (!trialId.matches("[A-Za-z0-9_.-]+")) {
      publish(driver, exit(handle, "agent refused the task: bad trial id"));
      return;
    }
    Path local = home.resolve("trials").resolve(driver).resolve(trialId);
    Run run = new Run(driver, handle, trialId, attempt,
        Path.of(task.path("trialDir").asText()), local);
    Resources need = new Resources(task.path("cpu").asDouble(0), task.path("gpu").asDouble(0),
        task.path("memoryMb").asInt(512));
    String never = pool.neverFits(need);
    Optional<ResourcePool.Allocation> alloc = never == null ? pool.tryAllocate(need) : Optional.empty();
    if (alloc.isEmpty()) {
      if (task.hasNonNull("restore")) discardTransfer(driver, task.path("restore").asText());
      String why = never != null ? "agent can never run it: " + never.replace("this machine", "this agent")
          : "agent is busy: it lacks " + pool.describeNeed(need);
      publish(driver, load(driver, Wire.JSON.createObjectNode().put("op", "busy").put("handle", handle)
          .put("why", why).put("never", never != null)));
      return;
    }
    run.allocation = alloc.get();
    try {
      Files.createDirectories(local);
      Path restore = null;
      if (task.hasNonNull("restore")) {
        restore = local.resolve(".restore-a" + attempt);
        unpackTransfer(driver, task.path("restore").asText(), restore);
      }
      Path jar = jarPath(task.path("jarSha").asText());
      run.jar = jar;
      Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
      List<String> jvmArgs = new ArrayList<>();
      task.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
      LaunchSpec spec = new LaunchSpec(trialId, attempt, jar,
          task.path("className").asText(), Values.toMap(task.path("config")), local, restore, jvmArgs,
          task.path("memoryMb").asInt(512), run.allocation.gpuIds());
      run.worker = executor.launch(spec, new Relay(run));
    } catch (IOException | RuntimeException e) {
      pool.release(run.allocation);
      publish(driver, exit(handle, "agent cannot start a worker: " + e.getMessage()));
      return;
    }
    runs.put(run.key, run);
    publish(driver, Wire.JSON.createObjectNode().put("op", "launched").put("handle", handle)
        .put("pid", run.worker.pid()).put("node", run.worker.node()));
    out.accept("started trial " + trialId + " attempt " + attempt + " (pid " + run.worker.pid() + ") for driver "
        + driver);
  }

  private void send(ObjectNode task, String driver) {
    withRun(task, driver, r -> {
      ObjectNode m = (ObjectNode) task.path("msg");
      try {
        String type = m.path("type").asText();
        if ((Msg.CONTINUE.equals(type) || Msg.STOP.equals(type)) && m.hasNonNull("checkpoint")) {
          m.put("checkpoint", r.toLocal(m.path("checkpoint").asText()).toString());
        }
        if (Msg.RESET.equals(type) && task.hasNonNull("restore")) {
          Path restore = r.local.resolve(".restore-a" + r.attempt + "-" + (++r.restores));
          unpackTransfer(driver, task.path("restore").asText(), restore);
          m.put("restore", restore.toString());
        }
      } catch (IOException e) {
        r.stopReason = "the checkpoint to restore did not arrive: " + e.getMessage();
        r.worker.kill();
        return;
      }
      r.worker.send(m);
    });
  }

  private void withRun(ObjectNode task, String driver, Consumer<Run> action) {
    Run r = runs.get(driver + "/" + task.path("handle").asText());
    if (r != null) action.accept(r);
  }

  /** A worker's message, on its way to the driver: folders it names travel along, mapped to the driver's paths. */
  private void relay(Run r, ObjectNode m) {
    if (runs.get(r.key) != r) return;
    ObjectNode env = Wire.JSON.createObjectNode().put("op", "msg").put("handle", r.handle);
    String type = m.path("type").asText();
    try {
      if (Msg.CHECKPOINTED.equals(type) || (Msg.RESULT.equals(type) && m.hasNonNull("checkpoint"))) {
        // zipping and sending take time that is not the worker's: the driver holds its grace and step timer meanwhile
        publish(r.driver, Wire.JSON.createObjectNode().put("op", "shipping").put("handle", r.handle));
      }
      if (Msg.CHECKPOINTED.equals(type)) {
        Path dir = Path.of(m.path("dir").asText());
        env.put("blob", sendFolder(r.driver, dir));
        m.put("dir", r.toDriver(dir));
      } else if (Msg.RESULT.equals(type) && m.hasNonNull("checkpoint")) {
        env.put("blob", sendFolder(r.driver, Path.of(m.path("checkpoint").asText())));
      }
    } catch (IOException | RuntimeException e) {
      // the driver must not take a result whose checkpoint it does not have: the attempt ends with the reason
      r.stopReason = "cannot send the checkpoint to the driver: " + e.getMessage();
      r.worker.kill();
      return;
    }
    shipLog(r, env); // the driver's trial.log follows the trial's, one message at a time
    if (Msg.FINISHED.equals(type) || Msg.ERROR.equals(type)) {
      out.accept("ended trial " + r.trialId + " attempt " + r.attempt + ": "
          + (Msg.FINISHED.equals(type) ? "finished (" + m.path("reason").asText() + ")" : "error: "
          + m.path("message").asText()));
    }
    env.set("msg", m);
    publish(r.driver, env);
  }

  private void exited(Run r, String description) {
    if (runs.get(r.key) != r) return;
    runs.remove(r.key);
    pool.release(r.allocation);
    cleanUpLater(r);
    if (r.stopReason != null) description = r.stopReason + " (" + description + ")";
    ObjectNode env = exit(r.handle, description);
    shipLog(r, env);
    // the worker JVM's own output (crash reports, native libraries) for the driver's error message
    String tail = tail(r.worker.log(), 8 * 1024);
    if (!tail.isBlank()) env.put("workerLog", tail);
    publish(r.driver, env);
    out.accept("ended trial " + r.trialId + " attempt " + r.attempt + ": " + description);
  }

  /** What the trial printed since the last time, so the driver's trial.log is whole (at most the last 256 KB). */
  private static void shipLog(Run r, ObjectNode env) {
    synchronized (r) {
      shipLogNow(r, env);
    }
  }

  private static void shipLogNow(Run r, ObjectNode env) {
    Path log = r.local.resolve("trial.log");
    if (!Files.isReadable(log)) return;
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(r.logShipped, f.length() - 256 * 1024);
      byte[] b = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(b);
      r.logShipped = f.length();
      if (b.length > 0) env.put("log", new String(b, StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot read " + log, e);
    }
  }

  private static String tail(Path p, int bytes) {
    if (p == null || !Files.isReadable(p)) return "";
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
      long from = Math.max(0, f.length() - bytes);
      byte[] b = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Stops the driver's trials here: their exits still go to the driver, so a driver that comes back (a merge)
   * retries them instead of waiting for results that never come.
   */
  private void driverLeft(String driver, String why) {
    List<Run> orphans = runs.values().stream().filter(r -> r.driver.equals(driver)).toList();
    for (Run r : orphans) {
      r.stopReason = why;
      r.worker.kill();
    }
    waitingForJar.values().forEach(l -> l.removeIf(t -> {
      if (!driver.equals(t.path("driver").asText())) return false;
      publish(driver, exit(t.path("handle").asText(), why));
      return true;
    }));
    driverHeardAt.remove(driver);
  }

  /** The driver's list of the trials it still counts as running here: stop the others, report the missing. */
  private void sync(ObjectNode body, String driver) {
    java.util.Set<String> listed = new java.util.HashSet<>();
    body.path("handles").forEach(n -> listed.add(n.asText()));
    for (Run r : List.copyOf(runs.values())) {
      if (r.driver.equals(driver) && !listed.contains(r.handle) && r.stopReason == null) {
        r.stopReason = "its driver no longer counts it as running here";
        r.worker.kill();
      }
    }
    java.util.Set<String> known = new java.util.HashSet<>();
    runs.values().stream().filter(r -> r.driver.equals(driver)).forEach(r -> known.add(r.handle));
    waitingForJar.values().forEach(l -> l.stream().filter(t -> driver.equals(t.path("driver").asText()))
        .forEach(t -> known.add(t.path("handle").asText())));
    for (String h : listed) {
      if (!known.contains(h)) publish(driver, exit(h, "the agent no longer runs it (lost while the cluster was split)"));
    }
    publish(driver, load(driver, Wire.JSON.createObjectNode().put("op", "load")));
  }

  /**
   * What this agent has in use, all drivers together and for {@code driver}: the driver counts the difference as
   * taken by other drivers.
   */
  private ObjectNode load(String driver, ObjectNode m) {
    double cpu = 0;
    double gpu = 0;
    long mb = 0;
    double ownCpu = 0;
    double ownGpu = 0;
    long ownMb = 0;
    for (Run r : runs.values()) {
      ResourcePool.Allocation a = r.allocation;
      cpu += a.cpu();
      gpu += a.gpu();
      mb += a.memoryMb();
      if (r.driver.equals(driver)) {
        ownCpu += a.cpu();
        ownGpu += a.gpu();
        ownMb += a.memoryMb();
      }
    }
    return m.put("cpus", cpus).put("gpus", gpuIds.size()).put("memoryMb", memoryMb).put("hostName", HOST_NAME)
        .put("otherCpu", cpu - ownCpu).put("otherGpu", gpu - ownGpu).put("otherMb", mb - ownMb);
  }

  private void discardTransfer(String driver, String blob) {
    try {
      Files.deleteIfExists(transfers.take(driver, blob).file());
    } catch (IOException e) {
      LOG.log(Level.FINE, "transfer " + blob + " was not there to discard", e);
    }
  }

  private void stopOrphans() {
    long now = System.nanoTime();
    for (Map.Entry<String, Long> e : List.copyOf(driverHeardAt.entrySet())) {
      if (now - e.getValue() > ORPHAN_AFTER_MS * 1_000_000L) {
        driverLeft(e.getKey(), "its driver was not heard of for " + ORPHAN_AFTER_MS / 1000 + " s");
      }
    }
  }

  /** Zips a folder to a temporary file and streams it to the driver; the transfer's id. */
  private String sendFolder(String driver, Path dir) throws IOException {
    Path zip = DirZip.pack(dir, home.resolve("transfers"));
    try {
      return transfers.sendFile(driver, zip);
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  private void unpackTransfer(String driver, String blob, Path dir) throws IOException {
    Transfers.Received r = transfers.take(driver, blob);
    try {
      DirZip.unpack(r.file(), dir);
    } finally {
      Files.deleteIfExists(r.file());
    }
  }

  /**
   * The driver has the attempt's log and checkpoints once it ended: its folder here goes, after the last log
   * lines were shipped (the worker may still be writing them for a moment).
   */
  private void cleanUpLater(Run r) {
    loop.schedule(() -> {
      if (runs.values().stream().anyMatch(o -> o.local.equals(r.local))) return;
      try {
        DirZip.delete(r.local);
      } catch (IOException e) {
        LOG.log(Level.FINE, "cannot delete " + r.local, e);
      }
    }, 5, TimeUnit.SECONDS);
  }

  /** Seals and publishes; one at a time, so sequence numbers reach the driver in order (acks come from elsewhere). */
  private void publish(String driver, ObjectNode body) {
    body.put("to", driver);
    try {
      synchronized (sending) {
        hz.getTopic(HazelcastSetup.DRIVER_TOPIC + driver).publish(secret.seal(ClusterSecret.Role.AGENT, self, body));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot publish to driver " + driver + ": " + e.getMessage());
    }
  }

  private static ObjectNode exit(String handle, String description) {
    return Wire.JSON.createObjectNode().put("op", "exit").put("handle", handle).put("description", description);
  }

  private Path jarPath(String sha) {
    return home.resolve("jars").resolve(sha + ".jar");
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "";
    }
  }

  static String address(Member m) {
    return m.getAddress().getHost() + ":" + m.getAddress().getPort();
  }

  @Override public void close() {
    closing = true;
    try {
      loop.submit(() -> {
        runs.values().forEach(r -> r.worker.kill());
        runs.clear();
      }).get();
    } catch (Exception e) {
      LOG.log(Level.FINE, "agent loop already stopped", e);
    }
    executor.close();
    hz.shutdown();
    loop.shutdownNow();
    closed.countDown();
  }

  /** One attempt of one trial on this agent. */
  private static final class Run {
    final String driver;
    final String handle;
    final String key;
    final String trialId;
    final long attempt;
    final Path driverDir;
    final Path local;
    WorkerHandle worker;
    ResourcePool.Allocation allocation;
    Path jar;
    long logShipped;
    int restores;
    /** Messages of this run handed to the loop and not yet relayed: a later one must not overtake them. */
    final java.util.concurrent.atomic.AtomicInteger onLoop = new java.util.concurrent.atomic.AtomicInteger();
    /** The driver's tasks for this run handed to the loop and not yet done: a later one must not overtake them. */
    final java.util.concurrent.atomic.AtomicInteger tasksOnLoop = new java.util.concurrent.atomic.AtomicInteger();
    String stopReason;

    Run(String driver, String handle, String trialId, long attempt, Path driverDir, Path local) {
      this.driver = driver;
      this.handle = handle;
      this.key = driver + "/" + handle;
      this.trialId = trialId;
      this.attempt = attempt;
      this.driverDir = driverDir;
      this.local = local;
      try {
        this.logShipped = Files.size(local.resolve("trial.log"));
      } catch (IOException e) {
        this.logShipped = 0;
      }
    }

    /** A driver path inside the trial's folder, as the folder here. */
    Path toLocal(String driverPath) {
      Path p = Path.of(driverPath).normalize();
      if (!p.startsWith(driverDir)) throw new IllegalArgumentException("not in the trial's folder: " + driverPath);
      return local.resolve(driverDir.relativize(p).toString());
    }

    String toDriver(Path localPath) {
      Path p = localPath.toAbsolutePath().normalize();
      Path root = local.toAbsolutePath().normalize();
      if (!p.startsWith(root)) throw new IllegalArgumentException("not in the trial's folder: " + localPath);
      return driverDir.resolve(root.relativize(p).toString()).toString();
    }
  }

  private final class Relay implements WorkerListener {
    private final Run run;

    Relay(Run run) {
      this.run = run;
    }

    @Override public void onMessage(WorkerHandle worker, ObjectNode message) {
      String type = message.path("type").asText();
      boolean folder = Msg.CHECKPOINTED.equals(type) || message.hasNonNull("checkpoint") || Msg.FINISHED.equals(type)
          || Msg.ERROR.equals(type);
      if (!folder && run.onLoop.get() == 0) {
        // a plain result goes to the driver from the worker's reader thread (they come one at a time, in order)
        relay(run, message);
        return;
      }
      run.onLoop.incrementAndGet();
      loop.execute(() -> {
        try {
          relay(run, message);
        } finally {
          run.onLoop.decrementAndGet();
        }
      });
    }

    @Override public void onExit(WorkerHandle worker, String description) {
      loop.execute(() -> exited(run, description));
    }
  }
}
