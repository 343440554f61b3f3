package org.tunebench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tunebench.engine.exec.LaunchSpec;
import org.tunebench.engine.exec.TrialExecutor;
import org.tunebench.engine.exec.WorkerHandle;
import org.tunebench.engine.exec.WorkerListener;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;
import org.tunebench.wire.Wire;

/**
 * Runs trials on the agents of a Hazelcast cluster. The driver is a lite member listening on a port that agents
 * join ({@code tunebench agent --join HOST:PORT}); each trial goes to the agent with the most free CPUs (member
 * attributes, counted here), the Trainable JAR is shipped once per agent (on request, by content hash), and
 * worker messages travel as sealed JSON ({@link ClusterSecret}) over one inbox topic per process. Agents are known
 * by their own process id, never by Hazelcast member UUID (a merge changes those). When an agent leaves, each of its
 * trials gets {@code onExit("agent X left the cluster")}, so the driver errors or retries it as for a crashed
 * worker; when it comes back, the driver tells it which of its trials are still its own (every few seconds
 * anyway), and the agent stops the rest. A trial waits for a free agent; with no agent at all for {@code placementTimeout} it ends with a
 * message saying how to start one. All state is owned by one thread.
 */
public final class ClusterExecutor implements TrialExecutor {
  private static final Logger LOG = Logger.getLogger(ClusterExecutor.class.getName());
  /** How often each agent hears which of its trials are still this driver's; agents stop orphans on silence. */
  static final long SYNC_MS = 2000;
  /** A bound on one agent's slots, so that a tiny {@code cpu} per trial cannot overflow the pool's sums. */
  static final int MAX_SLOTS = 100_000;

  private final ClusterSecret secret;
  private final Path workDir;
  private final double cpuPerTrial;
  private final double gpuPerTrial;
  private final long memoryMbPerTrial;
  private final Duration placementTimeout;
  private final String bind;
  private final int port;
  private volatile HazelcastInstance hz;
  private volatile String address;
  private final UUID self = UUID.randomUUID();
  private final String inbox = self.toString();
  private final Map<UUID, String> agentOfMember = new HashMap<>();
  private final Object sending = new Object();
  private final Transfers transfers;
  private final List<Runnable> capacityListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tunebench-cluster");
    t.setDaemon(true);
    return t;
  });
  /** Zips and streams JARs and checkpoints, so the loop goes on taking other trials' messages meanwhile. */
  private final java.util.concurrent.ExecutorService shipping = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tunebench-cluster-ship");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, AgentInfo> agents = new LinkedHashMap<>();
  private final Deque<Handle> queue = new ArrayDeque<>();
  /** Written by the loop only; read by the inbox listener too (the fast path of plain worker messages). */
  private final Map<String, Handle> placed = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Path> jarBySha = new HashMap<>();
  private final Map<Path, String> shaByJar = new HashMap<>();
  private final Map<Long, CompletableFuture<Duration>> pings = new HashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean closed;
  /** Since when no live agent could hold a trial (System.nanoTime), or -1 while one could; loop only. */
  private long noRoomSince = System.nanoTime();
  private volatile String gaveUp;

  /**
   * Listens on {@code bind:port} (bind null: an interface Hazelcast picks) for agents; each trial takes
   * {@code cpuPerTrial}/{@code gpuPerTrial}/{@code memoryMbPerTrial} of an agent's {@code --cpus}/{@code --gpus}/
   * {@code --memory-mb}.
   */
  public ClusterExecutor(ClusterSecret secret, String bind, int port, Path workDir, double cpuPerTrial,
      double gpuPerTrial, long memoryMbPerTrial, Duration placementTimeout) {
    if (!(cpuPerTrial > 0)) throw new IllegalArgumentException("cpuPerTrial must be above 0: " + cpuPerTrial);
    this.secret = secret;
    this.workDir = workDir;
    this.cpuPerTrial = cpuPerTrial;
    this.gpuPerTrial = gpuPerTrial;
    this.memoryMbPerTrial = Math.max(0, memoryMbPerTrial);
    this.placementTimeout = placementTimeout;
    this.bind = bind;
    this.port = port;
    this.transfers = new Transfers(workDir.resolve("transfers"), this::publish);
    this.hz = connect();
    loop.scheduleWithFixedDelay(this::checkWaiting, 250, 250, TimeUnit.MILLISECONDS);
    loop.scheduleWithFixedDelay(this::syncAll, SYNC_MS, SYNC_MS, TimeUnit.MILLISECONDS);
  }

  private HazelcastInstance connect() {
    HazelcastInstance h = Hazelcast.newHazelcastInstance(HazelcastSetup.config(secret.clusterName(), "tunebench-driver-"
        + ProcessHandle.current().pid() + "-" + System.nanoTime(), bind, port, false, null, true,
        Map.of(HazelcastSetup.ROLE, HazelcastSetup.DRIVER, HazelcastSetup.INBOX, inbox)));
    h.getTopic(HazelcastSetup.DRIVER_TOPIC + inbox).addMessageListener(m -> onPayload(HazelcastSetup.payload(m)));
    h.getCluster().addMembershipListener(new MembershipListener() {
      @Override public void memberAdded(MembershipEvent e) {
        loop.execute(() -> agentJoined(e.getMember()));
      }

      @Override public void memberRemoved(MembershipEvent e) {
        // the loop may be the thread blocked sending to this agent: end those transfers here, not through it
        String gone = e.getMember().getAttribute(HazelcastSetup.INBOX);
        if (gone != null) transfers.abortTo(gone, "the receiver left the cluster");
        loop.execute(() -> agentLeft(e.getMember()));
      }
    });
    h.getLifecycleService().addLifecycleListener(e -> {
      if (e.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN && !closed) {
        transfers.abortAll("the receiver left the cluster (it was shut down)");
        loop.execute(this::memberShutDown);
      }
    });
    address = Agent.address(h.getCluster().getLocalMember());
    loop.execute(() -> h.getCluster().getMembers().forEach(this::agentJoined));
    return h;
  }

  /**
   * Someone shut the cluster down ({@code Cluster.shutdown()} from any member): every trial on an agent is lost
   * (the driver retries or errors it as for a crashed worker), and the driver listens again on the same address,
   * where the agents, which restart their own members, find it.
   */
  private void memberShutDown() {
    if (closed || hz.getLifecycleService().isRunning()) return;
    LOG.warning(() -> "the driver's cluster member was shut down; listening again on " + address);
    for (AgentInfo a : List.copyOf(agents.values())) lose(a, "the cluster was shut down");
    agentOfMember.clear();
    try {
      hz = connect();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot listen on " + address + " again; retrying", e);
      loop.schedule(this::memberShutDown, 2, TimeUnit.SECONDS);
    }
  }

  /** "host:port" agents join. */
  public String address() {
    return address;
  }

  /** Agents in the cluster now that have answered the driver's sealed hello. */
  public int agentCount() {
    return call(() -> (int) agents.values().stream().filter(a -> a.ready).count());
  }

  /** Round trip of one signed message to the first agent and back. */
  public CompletableFuture<Duration> ping() {
    CompletableFuture<Duration> f = new CompletableFuture<>();
    loop.execute(() -> {
      if (agents.values().stream().noneMatch(a -> a.ready)) {
        f.completeExceptionally(new IllegalStateException("no agent"));
        return;
      }
      long t = System.nanoTime();
      pings.put(t, f);
      String to = agents.values().stream().filter(a -> a.ready).findFirst().orElseThrow().inbox;
      publish(to, Wire.JSON.createObjectNode().put("op", "ping").put("t", t));
    });
    return f;
  }

  /** For tests: a payload of our own making to an agent's inbox. */
  void publishRaw(String agent, Object payload) {
    hz.getTopic(HazelcastSetup.AGENT_TOPIC + agent).publish(payload);
  }

  /** For tests: Hazelcast members in this driver's cluster, itself included. */
  int memberCount() {
    return hz.getCluster().getMembers().size();
  }

  /** What the live agents offer together, and the largest single agent (a trial runs on one). */
  public record Capacity(int agents, double cpus, double gpus, long memoryMb, double maxCpus, double maxGpus,
      long maxMemoryMb) {
    /**
     * Why a trial asking this much can run on no live agent, however long it waits; null when one could take it,
     * or when no agent is there yet (one may still come).
     */
    public String neverFits(double cpu, double gpu, long mb) {
      if (agents == 0) return null;
      if (cpu > maxCpus + 1e-9) return "cpu " + cpu + " per trial, but the largest agent offers " + maxCpus;
      if (gpu > maxGpus + 1e-9) return "gpu " + gpu + " per trial, but the largest agent offers " + maxGpus;
      if (mb > maxMemoryMb) return "memoryMb " + mb + " per trial, but the largest agent offers " + maxMemoryMb;
      return null;
    }
  }

  /**
   * What the driver's pool holds: as many trials as the live agents can run at once, each on one agent. That is
   * the sum of each agent's slots (what other drivers leave free on it, divided by one trial's need), not the sum
   * of the agents' CPUs: two agents with 3 CPUs each hold two trials of 2 CPUs, not three. So a trial that would
   * fit only the agents' total stays PENDING with its reason, and a model-based searcher is asked for it only when
   * an agent can take it. GPU ids stand for GPU shares somewhere in the cluster; the agent assigns its own ids.
   */
  @Override public java.util.Optional<Offer> offered() {
    int slots = (int) Math.min(Integer.MAX_VALUE,
        call(() -> agents.values().stream().filter(a -> a.ready).mapToLong(this::slots).sum()));
    int ids;
    if (gpuPerTrial <= 0) ids = 0;
    else if (gpuPerTrial >= 1) ids = slots * (int) Math.round(gpuPerTrial);
    else ids = (int) Math.ceil(slots / Math.floor(1 / gpuPerTrial + 1e-9));
    List<String> gpuIds = java.util.stream.IntStream.range(0, ids).mapToObj(i -> "cluster-" + i).toList();
    return java.util.Optional.of(new Offer(slots * cpuPerTrial, gpuIds, slots * memoryMbPerTrial));
  }

  /** How many of this driver's trials fit on {@code a} at once, beside what other drivers use there. */
  private int slots(AgentInfo a) {
    double n = Math.floor((a.cpus - a.otherCpu) / cpuPerTrial + 1e-9);
    if (gpuPerTrial > 0) n = Math.min(n, Math.floor((a.gpus - a.otherGpu) / gpuPerTrial + 1e-9));
    if (memoryMbPerTrial > 0) n = Math.min(n, (double) ((a.memoryMb - a.otherMb) / memoryMbPerTrial));
    return (int) Math.max(0, Math.min(n, MAX_SLOTS));
  }

  /** The live agents' capacity now. */
  public Capacity capacity() {
    return call(this::capacityNow);
  }

  /**
   * {@code listener} runs (on the cluster's thread) whenever an agent becomes ready or is lost: the driver's pool
   * follows {@link #capacity()} and its waiting trials get another chance.
   */
  @Override public void onCapacityChange(Runnable listener) {
    capacityListeners.add(listener);
  }

  /** Why an attempt handed to {@link #launch} has not started on an agent yet; null once it runs. */
  @Override public String waitingFor(WorkerHandle worker) {
    return call(() -> {
      Handle h = (Handle) worker;
      if (!queue.contains(h)) return null;
      if (h.waitingFor != null) return h.waitingFor;
      if (agents.values().stream().noneMatch(a -> a.ready)) return "waiting for an agent to join " + address;
      return "waiting for an agent with " + cpuPerTrial + " CPU" + (gpuPerTrial > 0 ? ", " + gpuPerTrial + " GPU" : "")
          + " and " + h.spec.memoryMb() + " MB free";
    });
  }

  private Capacity capacityNow() {
    List<AgentInfo> live = agents.values().stream().filter(a -> a.ready).toList();
    return new Capacity(live.size(), live.stream().mapToDouble(a -> a.cpus).sum(),
        live.stream().mapToDouble(a -> a.gpus).sum(), live.stream().mapToLong(a -> a.memoryMb).sum(),
        live.stream().mapToDouble(a -> a.cpus).max().orElse(0), live.stream().mapToDouble(a -> a.gpus).max().orElse(0),
        live.stream().mapToLong(a -> a.memoryMb).max().orElse(0));
  }

  private void capacityChanged() {
    for (Runnable r : capacityListeners) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a capacity listener failed", e);
      }
    }
  }

  /**
   * One agent as the workbench's Agents panel shows it: its address, what it offers, what this driver and others
   * use on it, the trials of this driver it runs (ids) and when it was last heard of.
   */
  public record AgentStatus(String id, String address, String host, boolean ready, double cpus, double gpus,
      long memoryMb, double usedCpu, double otherCpu, double usedGpu, double otherGpu, long usedMb, long otherMb,
      List<String> trials, java.time.Instant lastHeard) {}

  /** The agents in this driver's cluster now, in the order they joined. */
  public List<AgentStatus> agents() {
    return call(() -> agents.values().stream().map(a -> new AgentStatus(a.id, a.name, a.hostName, a.ready, a.cpus, a.gpus,
        a.memoryMb, a.usedCpu, a.otherCpu, a.usedGpu, a.otherGpu, a.usedMb, a.otherMb,
        placed.values().stream().filter(h -> h.agent == a).map(h -> h.spec.trialId()).sorted().toList(),
        a.lastHeard)).toList());
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** For tests: what any member may do in Hazelcast Community Edition, stop every member of the cluster. */
  void shutdownCluster() {
    hz.getCluster().shutdown();
  }

  /** For tests: this driver's id, as agents know it. */
  UUID id() {
    return self;
  }

  /** For tests: the agents' ids (their inboxes). */
  List<String> agentIds() {
    return call(() -> agents.values().stream().filter(a -> a.ready).map(a -> a.inbox).toList());
  }

  @Override public WorkerHandle launch(LaunchSpec spec, WorkerListener listener) {
    if (closed) throw new IllegalStateException("executor closed");
    Handle h = new Handle("h" + ids.incrementAndGet(), spec, listener);
    loop.execute(() -> {
      queue.add(h);
      place();
    });
    return h;
  }

  /** Each waiting attempt, in order, to the agent with the most free CPUs that has room for it now. */
  private void place() {
    for (Handle h : List.copyOf(queue)) {
      AgentInfo best = null;
      for (AgentInfo a : agents.values()) {
        if (!a.ready || h.refusedBy.contains(a.id)) continue;
        if (a.freeCpu() + 1e-9 < cpuPerTrial || a.freeGpu() + 1e-9 < gpuPerTrial || a.freeMb() < h.spec.memoryMb()) {
          continue;
        }
        if (best == null || a.freeCpu() > best.freeCpu()) best = a;
      }
      if (best == null) continue;
      queue.remove(h);
      try {
        placeOn(h, best);
      } catch (IOException | RuntimeException e) {
        if (h.agent != null) unplace(h); // not ended(): that places again, inside this loop over the queue
        h.gone = true;
        h.listener.onExit(h, "cannot send the trial to agent " + best.name + ": " + e.getMessage());
      }
    }
  }

  private void placeOn(Handle h, AgentInfo a) throws IOException {
    LaunchSpec s = h.spec;
    h.launched = false; // again after an agent turned it away
    ObjectNode task = Wire.JSON.createObjectNode().put("op", "launch").put("handle", h.id)
        .put("trialId", s.trialId()).put("attempt", s.attempt()).put("jarSha", jarSha(s.jar()))
        .put("className", s.className()).put("trialDir", s.trialDir().toAbsolutePath().normalize().toString())
        .put("memoryMb", s.memoryMb()).put("cpu", cpuPerTrial).put("gpu", gpuPerTrial);
    task.set("config", Values.toJsonObject(s.config()));
    task.putArray("jvmArgs").addAll(s.jvmArgs().stream().map(Wire.JSON.getNodeFactory()::textNode).toList());
    h.agent = a;
    h.node = a.host;
    a.usedCpu += cpuPerTrial;
    a.usedGpu += gpuPerTrial;
    a.usedMb += s.memoryMb();
    h.holdsSlot = true;
    placed.put(h.id, h);
    if (s.restore() == null) {
      launch(h, a, task);
      return;
    }
    ship(h, a, s.restore(), id -> launch(h, a, task.put("restore", id)), "cannot send the trial to agent " + a.name);
  }

  private void launch(Handle h, AgentInfo a, ObjectNode task) {
    h.launched = true;
    publish(a.inbox, task);
    flushOutbox(h);
  }

  /**
   * Zips {@code folder} and streams it to {@code a} on a shipping thread; back on the loop, {@code then} gets the
   * transfer's id. Messages for {@code h} wait in its outbox meanwhile and follow in order; a transfer that fails
   * ends the attempt with {@code failure} and the reason.
   */
  private void ship(Handle h, AgentInfo a, Path folder, java.util.function.Consumer<String> then, String failure) {
    h.shipping = true;
    shipping.execute(() -> {
      String id = null;
      Exception failed = null;
      try {
        id = sendFolder(a.inbox, folder);
      } catch (IOException | RuntimeException e) {
        failed = e;
      }
      String sent = id;
      Exception error = failed;
      loop.execute(() -> {
        if (h.gone) return;
        h.shipping = false;
        if (error != null) {
          failTransfer(h, failure + ": " + error.getMessage());
          return;
        }
        then.accept(sent);
        flushOutbox(h);
      });
    });
  }

  private void flushOutbox(Handle h) {
    while (!h.outbox.isEmpty() && !h.shipping && !h.gone) sendNow(h, h.outbox.remove(0));
  }

  private String jarSha(Path jar) throws IOException {
    Path p = jar.toAbsolutePath().normalize();
    String sha = shaByJar.get(p);
    if (sha == null) {
      sha = Transfers.sha256(p);
      shaByJar.put(p, sha);
      jarBySha.put(sha, p);
    }
    return sha;
  }

  /** On the inbox listener's thread: opens the envelope, takes file transfers, hands the rest to the loop. */
  private void onPayload(Object payload) {
    ClusterSecret.Opened o;
    try {
      o = secret.open(payload, ClusterSecret.Role.AGENT);
    } catch (ClusterSecret.Refused r) {
      LOG.warning(() -> "refused a cluster message: " + r.getMessage());
      return;
    }
    String publisher = o.sender().toString();
    if (!inbox.equals(o.body().path("to").asText())) {
      LOG.warning(() -> "refused a message from agent " + publisher + ": addressed to another driver");
      return;
    }
    if (transfers.onMessage(publisher, o.body())) return;
    ObjectNode body = o.body();
    Handle h = placed.get(body.path("handle").asText(""));
    if (h != null && body.path("op").asText().equals("msg") && !body.hasNonNull("blob") && h.onLoop.get() == 0
        && !h.gone && h.agent != null && h.agent.id.equals(publisher)) {
      // a plain worker message (most are results) goes straight to the driver: one thread hand-off less per result
      h.agent.lastHeard = java.time.Instant.now();
      appendLog(h, body);
      h.listener.onMessage(h, (ObjectNode) body.path("msg"));
      return;
    }
    if (h != null) h.onLoop.incrementAndGet();
    loop.execute(() -> {
      try {
        onInbox(publisher, body);
      } finally {
        if (h != null) h.onLoop.decrementAndGet();
      }
    });
  }

  private void onInbox(String publisher, ObjectNode body) {
    AgentInfo from = agents.get(publisher);
    if (from != null) from.lastHeard = java.time.Instant.now();
    if (body.path("op").asText().equals("pong")) {
      CompletableFuture<Duration> f = pings.remove(body.path("t").asLong());
      if (f != null) f.complete(Duration.ofNanos(System.nanoTime() - body.path("t").asLong()));
      return;
    }
    if (body.path("op").asText().equals("ready") || body.path("op").asText().equals("load")) {
      AgentInfo a = agents.get(publisher);
      if (a == null) return;
      int before = slots(a);
      a.load(body);
      if (!a.ready) {
        a.ready = true;
        LOG.info(() -> "agent " + a.name + " is ready");
        sync(a);
        capacityChanged();
      } else if (slots(a) != before) {
        capacityChanged(); // other drivers took or gave back room there: the pool follows
      }
      place();
      return;
    }
    if (body.path("op").asText().equals("needJar")) {
      shipJar(publisher, body.path("sha").asText());
      return;
    }
    Handle h = placed.get(body.path("handle").asText());
    if (h == null || h.agent == null || !h.agent.id.equals(publisher)) return;
    try {
      switch (body.path("op").asText()) {
        case "launched" -> {
          h.pid = body.path("pid").asLong(-1);
          if (!body.path("node").asText("").isEmpty()) h.node = body.path("node").asText();
        }
        case "msg" -> onWorkerMessage(h, body, publisher);
        case "shipping" -> {
          if (!h.gone) h.listener.onCheckpointTravelling(h);
        }
        case "busy" -> {
          // the agent's own count says no (other drivers use it too): wait for room, there or elsewhere
          AgentInfo a = h.agent;
          int before = slots(a);
          a.load(body);
          if (slots(a) != before) capacityChanged();
          unplace(h);
          h.agent = null;
          if (body.path("never").asBoolean()) h.refusedBy.add(a.id);
          h.waitingFor = body.path("why").asText() + " (agent " + a.name + ")";
          queue.addFirst(h);
          place();
        }
        case "exit" -> {
          appendLog(h, body);
          if (body.hasNonNull("workerLog")) {
            Files.createDirectories(h.log().getParent());
            Files.writeString(h.log(), body.path("workerLog").asText(), StandardCharsets.UTF_8);
          }
          ended(h);
          h.listener.onExit(h, body.path("description").asText() + " on agent " + h.agent.name);
        }
        default -> LOG.warning(() -> "unknown agent message " + body.path("op").asText());
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot take a message of trial " + h.spec.trialId() + " from " + h.agent.name, e);
    }
  }

  private void onWorkerMessage(Handle h, ObjectNode body, String agent) throws IOException {
    if (h.gone) return;
    ObjectNode m = (ObjectNode) body.path("msg");
    String type = m.path("type").asText();
    Path trialDir = h.spec.trialDir().toAbsolutePath().normalize();
    Transfers.Received files = null;
    if (body.hasNonNull("blob")) {
      try {
        files = transfers.take(agent, body.path("blob").asText());
      } catch (IOException e) {
        failTransfer(h, "the checkpoint from agent " + h.agent.name + " did not arrive: " + e.getMessage());
        return;
      }
    }
    try {
      if (Msg.CHECKPOINTED.equals(type) && files != null) {
        Path dir = Path.of(m.path("dir").asText()).normalize();
        if (!dir.startsWith(trialDir) || dir.equals(trialDir)) {
          LOG.warning(() -> "agent " + h.agent.name + " named a checkpoint outside the trial folder: " + dir);
          return;
        }
        DirZip.unpack(files.file(), dir);
      } else if (Msg.RESULT.equals(type) && files != null) {
        dropIncoming(h);
        Path dir = workDir.resolve("incoming").resolve(h.id + "-" + ids.incrementAndGet());
        DirZip.unpack(files.file(), dir);
        h.incoming = dir;
        m.put("checkpoint", dir.toString());
      }
    } catch (IOException e) {
      failTransfer(h, "cannot unpack the checkpoint from agent " + h.agent.name + ": " + e.getMessage());
      return;
    } finally {
      if (files != null) Files.deleteIfExists(files.file());
    }
    appendLog(h, body);
    h.listener.onMessage(h, m);
  }

  private void appendLog(Handle h, ObjectNode body) {
    if (!body.hasNonNull("log")) return;
    try {
      Files.createDirectories(h.spec.trialDir());
      Files.writeString(h.spec.trialDir().resolve("trial.log"), body.path("log").asText(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot write the trial log", e);
    }
  }

  private void dropIncoming(Handle h) {
    if (h.incoming == null) return;
    try {
      DirZip.delete(h.incoming);
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot delete " + h.incoming, e);
    }
    h.incoming = null;
  }

  private void shipJar(String member, String sha) {
    Path jar = jarBySha.get(sha);
    AgentInfo a = agents.get(member);
    if (a == null) return;
    ObjectNode reply = Wire.JSON.createObjectNode().put("op", "jar").put("sha", sha);
    if (jar == null) {
      publish(a.inbox, reply.put("error", "the driver has no JAR with that hash"));
      return;
    }
    shipping.execute(() -> shipJar(a, jar, reply));
  }

  /** On a shipping thread: a JAR of any size travels while the loop goes on. */
  private void shipJar(AgentInfo a, Path jar, ObjectNode reply) {
    try {
      long t0 = System.nanoTime();
      reply.put("blob", transfers.sendFile(a.inbox, jar));
      LOG.info(() -> "shipped " + jar.getFileName() + " to agent " + a.name + " in "
          + (System.nanoTime() - t0) / 1_000_000 + " ms");
    } catch (IOException e) {
      reply.put("error", "the JAR did not arrive: " + e.getMessage());
    }
    publish(a.inbox, reply);
  }

  /** Zips a folder to a temporary file and streams it to an agent; the transfer's id. */
  private String sendFolder(String agent, Path dir) throws IOException {
    Path zip = DirZip.pack(dir, workDir.resolve("transfers"));
    try {
      return transfers.sendFile(agent, zip);
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  /** A checkpoint that could not travel: the attempt ends with the reason (the driver retries or errors it). */
  private void failTransfer(Handle h, String why) {
    if (h.gone) return;
    publish(h.agent.inbox, Wire.JSON.createObjectNode().put("op", "kill").put("handle", h.id));
    ended(h);
    h.listener.onExit(h, why);
  }

  private void sendNow(Handle h, ObjectNode m) {
    ObjectNode task = Wire.JSON.createObjectNode().put("op", "send").put("handle", h.id);
    dropIncoming(h);
    task.set("msg", m);
    AgentInfo a = h.agent;
    if (Msg.RESET.equals(m.path("type").asText()) && m.hasNonNull("restore")) {
      ship(h, a, Path.of(m.path("restore").asText()), id -> publish(a.inbox, task.put("restore", id)),
          "cannot send the checkpoint to restore to agent " + a.name);
      return;
    }
    publish(a.inbox, task);
  }

  private void ended(Handle h) {
    h.gone = true;
    unplace(h);
    dropIncoming(h);
    place();
  }

  private void unplace(Handle h) {
    placed.remove(h.id);
    if (h.holdsSlot && h.agent != null) {
      h.holdsSlot = false;
      h.agent.usedCpu -= cpuPerTrial;
      h.agent.usedGpu -= gpuPerTrial;
      h.agent.usedMb -= h.spec.memoryMb();
    }
  }

  private void agentJoined(Member m) {
    if (!HazelcastSetup.AGENT.equals(m.getAttribute(HazelcastSetup.ROLE))) return;
    String id = m.getAttribute(HazelcastSetup.INBOX);
    if (id == null || !id.matches("[0-9a-f-]{36}")) return;
    agentOfMember.put(m.getUuid(), id);
    AgentInfo known = agents.get(id);
    if (known != null) {
      // the same agent under a new member UUID (a merge): its trials and slots stay as they are
      known.member = m.getUuid();
      return;
    }
    AgentInfo a = new AgentInfo(id, id, Agent.address(m), m.getAddress().getHost(),
        parse(m.getAttribute(HazelcastSetup.CPUS), 1), parse(m.getAttribute(HazelcastSetup.GPUS), 0),
        (long) parse(m.getAttribute(HazelcastSetup.MEMORY), Long.MAX_VALUE / 4));
    a.member = m.getUuid();
    agents.put(id, a);
    LOG.info(() -> "agent " + a.name + " joined with " + a.cpus + " cpus, " + a.gpus + " gpus");
    a.helloAt = System.nanoTime();
    publish(a.inbox, Wire.JSON.createObjectNode().put("op", "hello"));
  }

  private void agentLeft(Member m) {
    String id = agentOfMember.remove(m.getUuid());
    AgentInfo a = id == null ? null : agents.get(id);
    // a removal of the member UUID it had before a merge, after it came back under a new one: nothing is lost
    if (a == null || !m.getUuid().equals(a.member)) return;
    lose(a, "left the cluster");
  }

  private void lose(AgentInfo a, String why) {
    agents.remove(a.id);
    if (a.ready) capacityChanged();
    transfers.forget(a.inbox);
    a.gone = true;
    LOG.info(() -> "agent " + a.name + " " + why);
    List<Handle> lost = placed.values().stream().filter(h -> h.agent == a).toList();
    for (Handle h : lost) {
      ended(h);
      h.listener.onExit(h, "agent " + a.name + " " + why);
    }
  }

  /** Trials that wait with no agent at all (or none big enough) for longer than the placement timeout end. */
  private void checkWaiting() {
    long now = System.nanoTime();
    // an agent's inbox listener may not be registered yet when it shows up as a member: say hello until it answers
    for (AgentInfo a : agents.values()) {
      if (!a.ready && now - a.helloAt > 500_000_000L) {
        a.helloAt = now;
        publish(a.inbox, Wire.JSON.createObjectNode().put("op", "hello"));
      }
    }
    List<AgentInfo> ready = agents.values().stream().filter(a -> a.ready).toList();
    for (Handle h : List.copyOf(queue)) {
      if (now - h.queuedAt < placementTimeout.toNanos()) continue;
      if (ready.stream().anyMatch(a -> !h.refusedBy.contains(a.id) && couldHold(a, h.spec.memoryMb()))) continue;
      queue.remove(h);
      h.gone = true;
      h.listener.onExit(h, noAgentReason(ready));
    }
    // the driver's pool holds no trial while no agent could take one: trials then wait PENDING, not here, and
    // learn from givesUp() when that has lasted the placement timeout
    if (ready.stream().anyMatch(a -> couldHold(a, memoryMbPerTrial))) {
      noRoomSince = -1;
    } else if (noRoomSince < 0) {
      noRoomSince = now;
    }
    String why = noRoomSince >= 0 && now - noRoomSince >= placementTimeout.toNanos() ? noAgentReason(ready) : null;
    boolean changed = (why == null) != (gaveUp == null);
    gaveUp = why;
    if (changed) capacityChanged();
  }

  /** Whether {@code a} could ever hold one trial asking {@code mb} MB, whatever runs on it now. */
  private boolean couldHold(AgentInfo a, long mb) {
    return a.cpus + 1e-9 >= cpuPerTrial && a.gpus + 1e-9 >= gpuPerTrial && a.memoryMb >= mb;
  }

  private String noAgentReason(List<AgentInfo> ready) {
    if (!ready.isEmpty()) {
      return "no cluster agent can run it: a trial needs cpu " + cpuPerTrial + ", gpu " + gpuPerTrial
          + (memoryMbPerTrial > 0 ? ", memoryMb " + memoryMbPerTrial : "") + "; agents: "
          + ready.stream().map(a -> a.name + " (" + a.cpus + " cpus, " + a.gpus + " gpus, " + a.memoryMb + " MB)").toList();
    }
    if (!agents.isEmpty()) {
      return "no cluster agent to run it: " + agents.size() + " joined " + address() + " but never answered"
          + " (are the agents the same tunebench version?)";
    }
    return "no cluster agent to run it: none joined " + address() + " within " + placementTimeout.toSeconds()
        + " s (start one with: tunebench agent --join " + address() + "; it needs the same " + ClusterSecret.ENV
        + ")";
  }

  /** Why no trial will get room here, once no agent that could hold one has been there for the placement timeout. */
  @Override public String givesUp() {
    return gaveUp;
  }

  /** Tells an agent which of its trials are still this driver's: it stops any other it runs for us. */
  private void sync(AgentInfo a) {
    ObjectNode m = Wire.JSON.createObjectNode().put("op", "sync");
    var handles = m.putArray("handles");
    // not one whose launch still waits for its checkpoint to arrive there: the agent would report it missing
    placed.values().stream().filter(h -> h.agent == a && h.launched).forEach(h -> handles.add(h.id));
    publish(a.inbox, m);
  }

  private void syncAll() {
    agents.values().stream().filter(a -> a.ready).forEach(this::sync);
  }

  /** Seals and publishes; one at a time, so sequence numbers reach each agent in order (acks come from elsewhere). */
  private void publish(String agentInbox, ObjectNode body) {
    body.put("to", agentInbox);
    try {
      synchronized (sending) {
        hz.getTopic(HazelcastSetup.AGENT_TOPIC + agentInbox).publish(secret.seal(ClusterSecret.Role.DRIVER, self, body));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot publish to agent " + agentInbox + ": " + e.getMessage());
    }
  }

  @Override public void release(WorkerHandle worker) {
    Handle h = (Handle) worker;
    loop.execute(() -> {
      if (h.gone || h.agent == null) return;
      publish(h.agent.inbox, Wire.JSON.createObjectNode().put("op", "release").put("handle", h.id));
      ended(h);
    });
  }

  @Override public void releaseIdle() {
    loop.execute(() -> agents.values().forEach(a -> publish(a.inbox, Wire.JSON.createObjectNode().put("op", "releaseIdle"))));
  }

  @Override public int workerCount() {
    return call(() -> placed.size());
  }

  @Override public void close() {
    if (closed) return;
    closed = true;
    try {
      loop.submit(() -> {
        for (Handle h : List.copyOf(placed.values())) {
          publish(h.agent.inbox, Wire.JSON.createObjectNode().put("op", "kill").put("handle", h.id));
        }
        agents.values().forEach(a -> publish(a.inbox, Wire.JSON.createObjectNode().put("op", "releaseIdle")));
      }).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.FINE, "cluster loop did not answer at close", e);
    }
    loop.shutdownNow();
    shipping.shutdownNow();
    hz.shutdown();
  }

  private <T> T call(java.util.concurrent.Callable<T> c) {
    try {
      return loop.submit(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cluster executor does not answer", e);
    }
  }

  private static double parse(String s, double dflt) {
    try {
      return s == null ? dflt : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  /** The driver's side of one trial attempt on an agent. */
  private final class Handle implements WorkerHandle {
    final String id;
    final LaunchSpec spec;
    final WorkerListener listener;
    final long queuedAt = System.nanoTime();
    final List<ObjectNode> outbox = new ArrayList<>();
    final java.util.Set<String> refusedBy = new java.util.HashSet<>();
    String waitingFor;
    volatile AgentInfo agent;
    /** A folder for it is on its way to the agent: its messages wait in the outbox until it arrived. */
    volatile boolean shipping;
    /** Its launch went to the agent (a placed attempt may still wait for its checkpoint to arrive there). */
    volatile boolean launched;
    volatile long pid = -1;
    volatile String node = "?";
    volatile boolean gone;
    boolean holdsSlot;
    volatile Path incoming;
    /** Sends handed to the loop and not yet made there: a later send must not overtake them. */
    final java.util.concurrent.atomic.AtomicInteger sendsOnLoop = new java.util.concurrent.atomic.AtomicInteger();
    /** Messages of this attempt handed to the loop and not yet taken there: later ones must not overtake them. */
    final java.util.concurrent.atomic.AtomicInteger onLoop = new java.util.concurrent.atomic.AtomicInteger();

    Handle(String id, LaunchSpec spec, WorkerListener listener) {
      this.id = id;
      this.spec = spec;
      this.listener = listener;
    }

    @Override public void send(ObjectNode message) {
      String type = message.path("type").asText();
      AgentInfo a = agent;
      // sendsOnLoop first: once it reads 0, what the loop's sends set (shipping) is visible here
      if (sendsOnLoop.get() == 0 && a != null && !gone && !shipping && incoming == null
          && (Msg.CONTINUE.equals(type) || Msg.STOP.equals(type))) {
        // the driver's answer to a result, with no folder to ship: published from the driver's thread
        ObjectNode task = Wire.JSON.createObjectNode().put("op", "send").put("handle", id);
        task.set("msg", message);
        publish(a.inbox, task);
        return;
      }
      sendsOnLoop.incrementAndGet();
      loop.execute(() -> {
        try {
          if (gone) return;
          if (agent == null || shipping) outbox.add(message);
          else sendNow(this, message);
        } finally {
          sendsOnLoop.decrementAndGet();
        }
      });
    }

    @Override public void kill() {
      loop.execute(() -> {
        if (gone) return;
        if (agent == null) {
          queue.remove(this);
          gone = true;
          listener.onExit(this, "killed before it was placed on an agent");
        } else if (!launched) {
          // its checkpoint is still on the way: the agent never heard of it
          failTransfer(this, "killed while its checkpoint was sent to agent " + agent.name);
        } else {
          publish(agent.inbox, Wire.JSON.createObjectNode().put("op", "kill").put("handle", id));
        }
      });
    }

    @Override public long pid() {
      return pid;
    }

    @Override public String node() {
      return node;
    }

    @Override public Path log() {
      return workDir.resolve("workers").resolve(id + ".log");
    }
  }
}
