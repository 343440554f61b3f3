package org.tunebench.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredExperiment;
import org.tunebench.store.StoredResult;
import org.tunebench.wire.Wire;

/**
 * Breaks Tunebench on purpose, the way users and operators do, and checks that the history stays true
 * (issue "A history that never lies"). Each scenario runs the real CLI ({@code java -jar target/tunebench.jar})
 * as separate processes and then reads the database:
 * <pre>
 * java -cp target/bench-classes:target/tunebench.jar org.tunebench.bench.Torture SCENARIO RUNS [SEED]
 *   driver-kill   kill -9 the driver at random moments (1-3 times a run), then resume until it completes
 *   worker-kill   kill -9 random worker JVMs while a run goes on (retried from checkpoints)
 *   sigterm       SIGTERM the driver: exit 143, experiment INTERRUPTED, then resume completes it
 *   two-procs     two runs on one database at once, with list/show polling, one of them killed at random
 *   disk-full     a run whose database and trial folders sit on a small tmpfs (root only; skipped otherwise)
 *   hostile       a local process without the secrets attacks a run: it floods the worker port with wrong
 *                 hellos for every worker id plus a 400 MB line, and logs into the database with guessed
 *                 passwords; the run must complete, the driver stay small, every listener be on loopback and
 *                 every file private
 * </pre>
 * A third of the runs use the function API ({@code bench.CrashyFn}), the others the class API ({@code bench.Crashy});
 * {@code -Dtorture.api=function} or {@code class} takes only one.
 * Checks per experiment: COMPLETED with every trial TERMINATED (or, for disk-full, a one-line exit 3 within
 * the time limit); each trial's kept timeline holds iterations 1..N exactly once, each with the counter its
 * checkpoints carried (no lost state); every result the driver acknowledged (the trainable's ack log) is
 * stored; no process started for the run is left. Prints one markdown row per scenario.
 */
public final class Torture {
  private static final int TRIALS = 3;
  private final Path work;
  private final Path jar;
  /** The jar under test; {@code -Dtorture.jar=} points at a copy so a rebuild cannot change it mid-run. */
  private final Path tunebenchJar = Path.of(System.getProperty("torture.jar", "target/tunebench.jar")).toAbsolutePath();
  final Random rnd;
  private final List<String> failures = new ArrayList<>();
  int kills;
  int checks;

  private Torture(Path work, long seed) throws IOException {
    this.work = work;
    this.jar = BenchJars.build(work);
    this.rnd = new Random(seed);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Torture driver-kill|worker-kill|sigterm|two-procs|disk-full|hostile RUNS [SEED]");
      System.exit(2);
    }
    String scenario = args[0];
    int runs = Integer.parseInt(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Path work = Files.createTempDirectory("tunebench-torture");
    Torture t = new Torture(work, seed);
    long t0 = System.nanoTime();
    int ok = t.run(scenario, runs);
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %.0f s | %s |%n", scenario, runs, ok, t.kills, t.checks, s,
        t.failures.isEmpty() ? "none" : String.join("; ", t.failures));
    System.exit(t.failures.isEmpty() ? 0 : 1);
  }

  /** Runs {@code runs} rounds of a scenario; returns how many passed every check. */
  public int run(String scenario, int runs) throws Exception {
    int ok = 0;
    for (int i = 0; i < runs; i++) {
      int before = failures.size();
      switch (scenario) {
        case "driver-kill" -> driverKill(i);
        case "worker-kill" -> workerKill(i);
        case "sigterm" -> sigterm(i);
        case "two-procs" -> twoProcs(i);
        case "hostile" -> Hostility.attack(this, i);
        case "disk-full" -> {
          if (!diskFull(i)) return 0;
        }
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      }
      if (failures.size() == before) ok++;
    }
    return ok;
  }

  public List<String> failures() {
    return failures;
  }

  // ---------------------------------------------------------------- scenarios

  private void driverKill(int i) throws Exception {
    Run r = new Run("dk" + i, 5 + rnd.nextInt(96), rnd.nextBoolean() ? 1 : 1 + rnd.nextInt(4), 20);
    int times = 1 + rnd.nextInt(3);
    Process p = r.start("run", r.spec.toString());
    for (int k = 0; k < times; k++) {
      if (!p.waitFor(300 + rnd.nextInt(2500), TimeUnit.MILLISECONDS)) {
        p.toHandle().destroyForcibly();
        p.waitFor();
        kills++;
      }
      r.awaitWorkersGone();
      p = r.stored() ? r.start("resume", r.name) : r.start("run", r.spec.toString());
    }
    r.finish(p, 0);
  }

  private void workerKill(int i) throws Exception {
    Run r = new Run("wk" + i, 20 + rnd.nextInt(60), 1 + rnd.nextInt(3), 25);
    Process p = r.start("run", r.spec.toString());
    while (!p.waitFor(200 + rnd.nextInt(800), TimeUnit.MILLISECONDS)) {
      List<ProcessHandle> workers = r.workers();
      if (!workers.isEmpty() && rnd.nextInt(3) == 0) {
        workers.get(rnd.nextInt(workers.size())).destroyForcibly();
        kills++;
      }
    }
    r.finish(p, 0);
  }

  private void sigterm(int i) throws Exception {
    Run r = new Run("st" + i, 20 + rnd.nextInt(60), 2, 30);
    Process p = r.start("run", r.spec.toString());
    Thread.sleep(800 + rnd.nextInt(1500));
    if (p.isAlive()) {
      p.toHandle().destroy(); // SIGTERM
      kills++;
      if (!p.waitFor(30, TimeUnit.SECONDS)) fail(r.name, "driver did not end within 30 s of SIGTERM");
      else if (p.exitValue() != 143) fail(r.name, "SIGTERM exit " + p.exitValue() + ", expected 143: " + r.log());
      boolean stored = r.stored();
      if (stored) {
        try (ExperimentStore store = ExperimentStore.open(r.db)) {
          StoredExperiment e = store.find(r.name).orElseThrow();
          if (!"INTERRUPTED".equals(e.status())) fail(r.name, "after SIGTERM the experiment is " + e.status());
          for (TrialSnapshot t : store.trials(e.id())) {
            if (t.status() == TrialStatus.RUNNING) fail(r.name, "trial " + t.id() + " left RUNNING after SIGTERM");
          }
        }
      }
      r.awaitWorkersGone();
      // a driver ended before it stored the experiment (a slow start) is run again rather than resumed
      p = stored ? r.start("resume", r.name) : r.start("run", r.spec.toString());
    }
    r.finish(p, 0);
  }

  private void twoProcs(int i) throws Exception {
    Run a = new Run("tpa" + i, 20 + rnd.nextInt(40), 2, 20);
    Run b = new Run("tpb" + i, 20 + rnd.nextInt(40), 2, 20, a.db, a.home);
    Process pa = a.start("run", a.spec.toString());
    Thread.sleep(rnd.nextInt(500));
    Process pb = b.start("run", b.spec.toString());
    Run victim = rnd.nextBoolean() ? a : b;
    Process pv = victim == a ? pa : pb;
    long killAt = System.currentTimeMillis() + 500 + rnd.nextInt(2500);
    while (pa.isAlive() || pb.isAlive()) {
      Process reader = rnd.nextBoolean() ? a.start("list") : a.start("show", rnd.nextBoolean() ? a.name : b.name);
      String listOrShow = reader.info().arguments().map(x -> String.join(" ", x)).orElse("?");
      if (!reader.waitFor(30, TimeUnit.SECONDS)) {
        threadDump(reader, a.dir.resolve("reader-" + reader.pid() + ".threads.txt"));
        reader.toHandle().destroyForcibly();
        fail(a.name, "a reader (" + listOrShow + ") hung for 30 s while two drivers ran");
      }
      if (pv.isAlive() && System.currentTimeMillis() > killAt) {
        pv.toHandle().destroyForcibly();
        pv.waitFor();
        kills++;
      }
      Thread.sleep(100);
    }
    if (victim.exitedAfterKill(pv)) {
      victim.awaitWorkersGone();
      pv = victim.stored() ? victim.start("resume", victim.name) : victim.start("run", victim.spec.toString());
    }
    Run other = victim == a ? b : a;
    other.finish(victim == a ? pb : pa, 0);
    victim.finish(pv, 0);
  }

  /** Returns false when no tmpfs can be mounted here (not root, or no mount permission). */
  private boolean diskFull(int i) throws Exception {
    Path mnt = Files.createDirectories(work.resolve("tmpfs" + i));
    Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", mnt.toString())
        .redirectErrorStream(true).start();
    if (m.waitFor() != 0) {
      System.err.println("disk-full: skipped, cannot mount a tmpfs here: " + new String(m.getInputStream().readAllBytes()).trim());
      return false;
    }
    try {
      Run r = new Run("df" + i, 5, 1, 100_000, mnt.resolve("db/tb.mv.db"), mnt.resolve("home"));
      ObjectNode s = (ObjectNode) Wire.JSON.readTree(r.spec.toFile());
      s.with("space").put("pad", "x".repeat(50_000)); // each result and checkpoint grows the history quickly
      Files.writeString(r.spec, Wire.JSON.writeValueAsString(s));
      Process p = r.start("run", r.spec.toString());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.toHandle().destroyForcibly();
        fail(r.name, "with a full disk the driver hung (no end within 120 s)");
        return true;
      }
      String log = r.log();
      checks++;
      if (p.exitValue() != 3) fail(r.name, "full disk: exit " + p.exitValue() + ", expected 3: " + log);
      else if (!log.contains("cannot be written")) fail(r.name, "full disk: no one-line reason: " + log);
      r.awaitWorkersGone();
    } finally {
      new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
    }
    return true;
  }

  /** What a process that hung was doing, for the failure's record. */
  private static void threadDump(Process p, Path to) {
    try {
      new ProcessBuilder("jcmd", Long.toString(p.pid()), "Thread.print").redirectErrorStream(true)
          .redirectOutput(to.toFile()).start().waitFor(20, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      System.err.println("no thread dump of " + p.pid() + ": " + e);
    }
  }

  void fail(String run, String what) {
    String line = run + ": " + what.replace('\n', ' ');
    failures.add(line.length() > 400 ? line.substring(0, 400) + "..." : line);
    System.err.println("FAIL " + line);
  }

  // ---------------------------------------------------------------- one experiment

  final class Run {
    final String name;
    final Path dir;
    final Path db;
    final Path home;
    final Path spec;
    final Path acks;
    final int iterations;
    final String mark;

    Run(String name, int sleepMs, int ckptEvery, int iterations) throws IOException {
      this(name, sleepMs, ckptEvery, iterations, null, null);
    }

    Run(String name, int sleepMs, int ckptEvery, int iterations, Path db, Path home) throws IOException {
      this.name = name;
      this.dir = Files.createDirectories(work.resolve(name));
      this.db = db != null ? db : dir.resolve("db/tb.mv.db");
      this.home = home != null ? home : dir.resolve("home");
      this.acks = Files.createDirectories(dir.resolve("acks"));
      this.iterations = iterations;
      this.mark = "-Dtorture.mark=" + ProcessHandle.current().pid() + "-" + name;
      ObjectNode s = Wire.JSON.createObjectNode();
      s.put("name", name);
      // a third of the runs go through the function API (its checkpoints come with reports)
      String api = System.getProperty("torture.api", "mixed"); // class, function or mixed
      boolean function = api.equals("function") || (api.equals("mixed") && rnd.nextInt(3) == 0);
      s.putObject("trainable").put("jar", jar.toString()).put("class", function ? "bench.CrashyFn" : "bench.Crashy");
      ObjectNode space = s.putObject("space");
      space.put("sleep_ms", sleepMs).put("ack_dir", acks.toString());
      if (function) space.put("ckpt_every", ckptEvery);
      ArrayNode tags = space.putObject("tag").putArray("grid");
      for (int t = 0; t < TRIALS; t++) tags.add(t);
      s.put("metric", "score").put("mode", "max");
      s.putObject("stop").put("training_iteration", iterations);
      s.putObject("checkpoint").put("frequency", ckptEvery).put("atEnd", true).put("numToKeep", 1);
      s.putObject("failure").put("maxRetries", 1000);
      s.putObject("resourcesPerTrial").put("cpu", 0.5).put("memoryMb", 128);
      s.put("maxConcurrentTrials", 2);
      s.putArray("jvmArgs").add(mark);
      this.spec = dir.resolve(name + ".json");
      Files.writeString(spec, Wire.JSON.writeValueAsString(s));
    }

    Process start(String... args) throws IOException {
      List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), mark,
          "-jar", tunebenchJar.toString()));
      cmd.addAll(List.of(args));
      cmd.addAll(List.of("--db", db.toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("driver.log").toFile()));
      pb.environment().put("TUNEBENCH_HOME", home.toString());
      return pb.start();
    }

    String log() throws IOException {
      Path f = dir.resolve("driver.log");
      if (!Files.exists(f)) return "";
      String s = Files.readString(f);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    /** Killed before it stored the experiment: then it is run again rather than resumed. */
    boolean stored() {
      if (!Files.exists(db)) return false;
      try (ExperimentStore store = ExperimentStore.open(db)) {
        return store.find(name).isPresent();
      } catch (RuntimeException e) {
        fail(name, "the database cannot be opened after a kill: " + e.getMessage());
        return false;
      }
    }

    boolean exitedAfterKill(Process p) {
      return !p.isAlive() && p.exitValue() != 0;
    }

    List<ProcessHandle> workers() {
      return ProcessHandle.allProcesses()
          .filter(h -> h.info().arguments().map(a -> List.of(a).contains(mark)).orElse(false))
          .filter(h -> h.info().arguments().map(a -> !List.of(a).contains("-jar")).orElse(false))
          .toList();
    }

    /** Workers watch the driver's pipe: once it is gone they must exit by themselves. */
    void awaitWorkersGone() throws InterruptedException {
      long end = System.currentTimeMillis() + 15_000;
      while (!workers().isEmpty() && System.currentTimeMillis() < end) Thread.sleep(100);
      List<ProcessHandle> left = workers();
      if (!left.isEmpty()) {
        fail(name, left.size() + " worker process(es) outlived their driver by 15 s");
        left.forEach(ProcessHandle::destroyForcibly);
      }
    }

    /** Waits for the driver (resuming after a crash if it has to), then checks the stored history. */
    void finish(Process p, int expected) throws Exception {
      for (int guard = 0; ; guard++) {
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
          p.toHandle().destroyForcibly();
          fail(name, "driver did not finish within 180 s: " + log());
          return;
        }
        if (p.exitValue() == expected || guard > 3) break;
        fail(name, "exit " + p.exitValue() + ": " + log());
        return;
      }
      awaitWorkersGone();
      verify();
    }

    void verify() throws IOException {
      checks++;
      try (ExperimentStore store = ExperimentStore.open(db)) {
        StoredExperiment e = store.find(name).orElse(null);
        if (e == null) {
          fail(name, "not in the database");
          return;
        }
        if (!"COMPLETED".equals(e.status())) fail(name, "experiment " + e.status() + ", expected COMPLETED");
        List<TrialSnapshot> trials = store.trials(e.id());
        if (trials.size() != TRIALS) fail(name, trials.size() + " trials, expected " + TRIALS);
        Map<String, List<StoredResult>> kept = new HashMap<>();
        for (StoredResult r : store.results(e.id(), null)) kept.computeIfAbsent(r.trialId(), k -> new ArrayList<>()).add(r);
        for (TrialSnapshot t : trials) {
          if (t.status() != TrialStatus.TERMINATED) fail(name, "trial " + t.id() + " " + t.status() + " " + t.error());
          List<StoredResult> rows = kept.getOrDefault(t.id(), List.of());
          List<Integer> iters = rows.stream().map(StoredResult::iteration).sorted().toList();
          List<Integer> want = java.util.stream.IntStream.rangeClosed(1, iterations).boxed().toList();
          if (!iters.equals(want)) {
            fail(name, "trial " + t.id() + " kept timeline " + summary(iters) + ", expected 1.." + iterations + " once each");
          }
          for (StoredResult r : rows) {
            Object c = r.metrics().get("counter");
            if (!(c instanceof Number n) || n.intValue() != r.iteration()) {
              fail(name, "trial " + t.id() + " iteration " + r.iteration() + " has counter " + c + " (state lost)");
              break;
            }
          }
          int tag = ((Number) t.config().get("tag")).intValue();
          Path ackLog = acks.resolve("acks-" + tag + ".log");
          if (Files.exists(ackLog)) {
            for (String line : Files.readAllLines(ackLog)) {
              if (line.isBlank()) continue;
              int it = Integer.parseInt(line.trim());
              if (!iters.contains(it)) fail(name, "trial " + t.id() + ": acknowledged iteration " + it + " is not stored");
            }
          }
          if (t.best() == null || t.best() != iterations) fail(name, "trial " + t.id() + " best " + t.best() + ", expected " + iterations);
        }
      } catch (RuntimeException ex) {
        fail(name, "cannot read the history: " + ex);
      }
    }
  }

  private static String summary(List<Integer> iters) {
    Map<Integer, Integer> n = new HashMap<>();
    for (int i : iters) n.merge(i, 1, Integer::sum);
    List<String> odd = new ArrayList<>();
    n.forEach((k, v) -> { if (v > 1) odd.add(k + "x" + v); });
    return iters.size() + " rows" + (odd.isEmpty() ? "" : " (repeated: " + String.join(",", odd) + ")");
  }
}
