package org.tunebench.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.tunebench.app.ExperimentLauncher;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.DriverOptions;
import org.tunebench.engine.EngineListener;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.ResourcePool;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.store.ExperimentStore;
import org.tunebench.wire.Wire;

/**
 * Engine benchmark on real worker JVMs (issue 2, "Performance"). Not a test: it prints a markdown table.
 *
 * <pre>
 * java -cp target/bench-classes:target/tunebench.jar org.tunebench.bench.EngineBench SCENARIO [REPEATS]
 *   bookkeeping   1,000 trials x 1 result (1 s step), 16 concurrent; ideal 62.5 s
 *   throughput    16 trials x 3,000 results (10 ms steps = 100 results/s) = 30 s ideal
 *   overhead      1,000 one-iteration trials (trivial step) vs Optuna 3.1 RandomSampler + SQLite
 *   heap 1 [TRIALS RESULTS]   10,000 trials x 100 results, trivial steps; run the driver with -Xmx512m
 *   custom 1 TRIALS CONCURRENT ITERATIONS SLEEP_MS   a quick look while profiling
 *   rate REPEATS TRIALS CONCURRENT ITERATIONS SLEEP_MS   issue 9's targets: alternates a plain-JVM baseline
 *                 (16 JVMs running the same Ticker, no driver) with the real run; prints wall time, x of ideal,
 *                 x of the baseline, CPU seconds of the bench process and its children (workers) and the time
 *                 from start to the first result; -Dbench.gaps=DIR adds the distribution of the gaps between a
 *                 worker's steps (its round trip to the driver) and of its sleep overruns
 * </pre>
 * Run from the repository root (the trainable's sources and the Optuna script are found relative to it).
 * The trainable is compiled at run time from {@code src/bench/trainables} against the API classes on our
 * class path, as a user's project would be. Environment: {@code BENCH_DIR} (scratch, default a temp dir),
 * {@code BENCH_OPTUNA_PY} (default /usr/bin/python3).
 */
public final class EngineBench {
  private static final String CLASS = "bench.Ticker";
  /** Only for quick looks while profiling; the reported figures use 1,000. */
  private static final int OVERHEAD_TRIALS = Integer.getInteger("bench.overheadTrials", 1000);
  private final Path work;
  private final Path jar;
  private final List<String[]> rows = new ArrayList<>();

  private EngineBench(Path work) throws IOException {
    this.work = work;
    this.jar = buildJar(work);
  }

  public static void main(String[] args) throws Exception {
    String scenario = args.length > 0 ? args[0] : "all";
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    String dir = System.getenv("BENCH_DIR");
    Path work = dir != null ? Files.createDirectories(Path.of(dir)) : Files.createTempDirectory("engine-bench");
    EngineBench b = new EngineBench(work);
    System.out.println("# scratch " + work + ", load before: " + load());
    b.warmUp();
    for (String s : scenario.equals("all") ? List.of("bookkeeping", "throughput", "overhead") : List.of(scenario.split(","))) {
      switch (s) {
        case "bookkeeping" -> b.bookkeeping(repeats);
        case "throughput" -> b.throughput(repeats);
        case "overhead" -> b.overhead(repeats);
        case "heap" -> b.heap(args.length > 2 ? Integer.parseInt(args[2]) : 10_000,
            args.length > 3 ? Integer.parseInt(args[3]) : 100);
        // a quick look while profiling: custom TRIALS CONCURRENT ITERATIONS SLEEP_MS
        case "custom" -> {
          Run r = b.run(b.spec("custom-" + System.nanoTime(), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
              Integer.parseInt(args[4]), Double.parseDouble(args[5])));
          double ideal = Math.ceil(Double.parseDouble(args[2]) / Integer.parseInt(args[3])) * Integer.parseInt(args[4])
              * Double.parseDouble(args[5]) / 1000;
          System.out.printf(Locale.ROOT, "custom: %.2f s (ideal %.2f s), %s%n", r.wallS, ideal, r.journal());
        }
        case "rate" -> b.rate(repeats, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            Integer.parseInt(args[4]), Double.parseDouble(args[5]));
        default -> throw new IllegalArgumentException("unknown scenario " + s);
      }
    }
    System.out.println();
    System.out.println("| scenario | measure | runs | median | all runs | target | load (1-min avg, before/after) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String[] r : b.rows) System.out.println("| " + String.join(" | ", r) + " |");
    System.exit(0);
  }

  // ------------------------------------------------------------------ scenarios

  private void bookkeeping(int repeats) throws Exception {
    List<Double> walls = new ArrayList<>();
    String l0 = load();
    for (int i = 0; i < repeats; i++) {
      ObjectNode s = spec("bookkeeping-" + i, 1000, 16, 1, 1000);
      Run r = run(s);
      walls.add(r.wallS);
      System.out.printf(Locale.ROOT, "bookkeeping run %d: %.2f s (%.3fx of 62.5), %s%n", i, r.wallS, r.wallS / 62.5, r.journal());
    }
    double m = median(walls);
    rows.add(row("a. bookkeeping 1,000 x 1 s, 16 conc.", "wall s (x of 62.5 s)", walls,
        fmt(m) + " (" + fmt3(m / 62.5) + "x)", "<= 1.05x (65.6 s)", l0 + " / " + load()));
  }

  private void throughput(int repeats) throws Exception {
    List<Double> walls = new ArrayList<>();
    String l0 = load();
    String journal = "";
    for (int i = 0; i < repeats; i++) {
      ObjectNode s = spec("throughput-" + i, 16, 16, 3000, 10);
      Run r = run(s);
      walls.add(r.wallS);
      journal = r.journal();
      System.out.printf(Locale.ROOT, "throughput run %d: %.2f s (%.3fx of 30), %s, %.0f results/s%n", i, r.wallS,
          r.wallS / 30, journal, 48_000 / r.wallS);
    }
    double m = median(walls);
    rows.add(row("b. throughput 16 x 100 results/s x 30 s", "wall s (x of 30 s); " + journal, walls,
        fmt(m) + " (" + fmt3(m / 30) + "x)", "<= 1.05x (31.5 s)", l0 + " / " + load()));
  }

  private void overhead(int repeats) throws Exception {
    List<Double> ours = new ArrayList<>();
    List<Double> ours1 = new ArrayList<>();
    List<Double> optuna = new ArrayList<>();
    String l0 = load();
    for (int i = 0; i < repeats; i++) {
      // sequential (one trial at a time, like Optuna's optimize loop) and 2 at a time (2 cores)
      Run r1 = run(spec("overhead-seq-" + i, OVERHEAD_TRIALS, 1, 1, 0));
      ours1.add(r1.wallS);
      System.out.printf(Locale.ROOT, "overhead (1 at a time) run %d: %.2f s = %.0f trials/s, %s%n", i, r1.wallS,
          1000 / r1.wallS, r1.journal());
      Run r = run(spec("overhead-" + i, OVERHEAD_TRIALS, 2, 1, 0));
      ours.add(r.wallS);
      System.out.printf(Locale.ROOT, "overhead (2 at a time) run %d: %.2f s = %.0f trials/s, %s%n", i, r.wallS,
          1000 / r.wallS, r.journal());
      if (OVERHEAD_TRIALS != 1000) continue; // a quick look: no peer run
      double o = optuna(1000);
      optuna.add(o);
      System.out.printf(Locale.ROOT, "optuna run %d: %.2f s = %.0f trials/s%n", i, o, 1000 / o);
    }
    String l1 = load();
    if (optuna.isEmpty()) return;
    double mo = median(optuna);
    rows.add(row("c. fixed overhead 1,000 x 1 iteration, 1 at a time", "wall s (trials/s; x of Optuna)", ours1,
        fmt(median(ours1)) + " (" + fmt(1000 / median(ours1)) + "/s; " + fmt3(median(ours1) / mo) + "x)",
        "<= 0.5x Optuna", l0 + " / " + l1));
    rows.add(row("c. fixed overhead 1,000 x 1 iteration, 2 at a time", "wall s (trials/s; x of Optuna)", ours,
        fmt(median(ours)) + " (" + fmt(1000 / median(ours)) + "/s; " + fmt3(median(ours) / mo) + "x)",
        "<= 0.5x Optuna", l0 + " / " + l1));
    rows.add(row("c. Optuna 3.1 RandomSampler + SQLite, 1,000 trivial trials", "wall s (trials/s)", optuna,
        fmt(mo) + " (" + fmt(1000 / mo) + "/s)", "-", l0 + " / " + l1));
  }

  /**
   * One of issue 9's rows: REPEATS times a plain-JVM baseline then the real run, back to back. CPU is that of
   * this process and its reaped children (the worker JVMs; the baseline's JVMs are counted apart).
   */
  private void rate(int repeats, int trials, int concurrent, int iterations, double sleepMs) throws Exception {
    double ideal = Math.ceil(trials / (double) concurrent) * iterations * sleepMs / 1000;
    long results = (long) trials * iterations;
    String name = trials + " x " + iterations + " x " + fmt(sleepMs) + " ms, " + concurrent + " at a time";
    List<Double> walls = new ArrayList<>();
    List<Double> vsBase = new ArrayList<>();
    List<String> details = new ArrayList<>();
    String l0 = load();
    for (int i = 0; i < repeats; i++) {
      double[] base = baseline(trials, concurrent, iterations, sleepMs, false);
      double[] floor = ECHO ? baseline(trials, concurrent, iterations, sleepMs, true) : null;
      ObjectNode spec = spec("rate-" + i, trials, concurrent, iterations, sleepMs);
      Path gaps = GAPS == null ? null : Path.of(GAPS).resolve("rate-" + i + "-" + System.nanoTime());
      if (gaps != null) spec.with("space").put("gaps_dir", gaps.toString());
      Run r = run(spec);
      walls.add(r.wallS);
      vsBase.add(r.wallS / base[0]);
      String d = String.format(Locale.ROOT, "run %d: %.2f s = %.3fx of ideal %.1f s, %.3fx of baseline %.2f s "
          + "(baseline CPU %.1f s); CPU %.1f s (driver %.1f s) = %.3f ms/result; first result %.3f s after start; %s; load %s",
          i, r.wallS, r.wallS / ideal, ideal, r.wallS / base[0], base[0], base[1], r.cpuS, r.driverCpuS, r.cpuS * 1000 / results,
          r.firstResultS, r.journal(), load());
      if (floor != null) {
        d += String.format(Locale.ROOT, "; echo floor %.2f s = %.3fx of baseline (CPU %.1f s), run = %.3fx of the floor",
            floor[0], floor[0] / base[0], floor[1], r.wallS / floor[0]);
      }
      if (gaps != null) d += "; " + gapStats(gaps);
      details.add(d);
      System.out.println(name + " " + d);
    }
    rows.add(row(name, "wall s (x of ideal " + fmt(ideal) + " s; x of baseline)", walls,
        fmt(median(walls)) + " (" + fmt3(median(walls) / ideal) + "x; " + fmt3(median(vsBase)) + "x)",
        "-", l0 + " / " + load()));
  }

  /**
   * {@code -Dbench.gaps=DIR}: each Ticker also times the gap between its steps (the round trip to the driver as a
   * worker sees it) and how long its sleep overran, and the run's line ends with their distribution.
   */
  private static final String GAPS = System.getProperty("bench.gaps");

  /** Mean and percentiles of the gaps between steps, and the mean sleep overrun, in microseconds. */
  private static String gapStats(Path dir) throws IOException {
    List<Long> gaps = new ArrayList<>();
    long overrun = 0;
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          String[] p = line.split(" ");
          gaps.add(Long.parseLong(p[0]));
          overrun += Long.parseLong(p[1]);
        }
      }
    }
    if (gaps.isEmpty()) return "no gaps recorded";
    java.util.Collections.sort(gaps);
    long sum = 0;
    for (long g : gaps) sum += g;
    java.util.function.DoubleFunction<Long> q = f -> gaps.get(Math.min(gaps.size() - 1, (int) (f * gaps.size())));
    return String.format(Locale.ROOT, "gap between steps (us): mean %d, p50 %d, p90 %d, p99 %d, p99.9 %d; sleep overrun mean %d us",
        sum / gaps.size(), q.apply(0.5), q.apply(0.9), q.apply(0.99), q.apply(0.999), overrun / gaps.size());
  }

  /** Set {@code -Dbench.echo=false} to skip the echo floor (it adds one baseline's time to each run). */
  private static final boolean ECHO = Boolean.parseBoolean(System.getProperty("bench.echo", "true"));

  /**
   * 16 plain JVMs (or fewer) share the trials as the driver's slots would; {wall s, CPU s}. With {@code echo},
   * each of their results also makes a round trip to a thread of this process (PlainTicker's Echo): the floor of
   * any driver in another JVM that takes each result before the next step.
   */
  private double[] baseline(int trials, int concurrent, int iterations, double sleepMs, boolean echo) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path") + File.pathSeparator + jar;
    List<Process> ps = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())) {
      if (echo) echoServer(server);
      double cpu0 = cpuSeconds();
      long t0 = System.nanoTime();
      for (int j = 0; j < concurrent; j++) {
        int share = trials / concurrent + (j < trials % concurrent ? 1 : 0);
        if (share == 0) continue;
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx64m", "-cp", cp, "org.tunebench.bench.PlainTicker",
            fmt(sleepMs), Integer.toString(iterations), Integer.toString(share)));
        if (echo) cmd.add(Integer.toString(server.getLocalPort()));
        ps.add(new ProcessBuilder(cmd).inheritIO().start());
      }
      for (Process p : ps) if (p.waitFor() != 0) throw new IllegalStateException("baseline JVM failed");
      double wall = (System.nanoTime() - t0) / 1e9;
      return new double[] {wall, cpuSeconds() - cpu0};
    }
  }

  /** One thread per connection: each line read is answered with a short line, as a driver's reply would be. */
  private static void echoServer(ServerSocket server) {
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        java.net.Socket s;
        try {
          s = server.accept();
          s.setTcpNoDelay(true);
        } catch (IOException e) {
          return;
        }
        Thread t = new Thread(() -> echo(s), "bench-echo");
        t.setDaemon(true);
        t.start();
      }
    }, "bench-echo-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void echo(java.net.Socket s) {
    byte[] reply = "{\"type\":\"continue\"}\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] buf = new byte[4096];
    try (s; java.io.InputStream in = s.getInputStream(); java.io.OutputStream out = s.getOutputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        // one result per read in practice (the sender waits for its reply); a split line is answered once, at its end
        if (buf[n - 1] == '\n') out.write(reply);
      }
    } catch (IOException e) {
      // the ticker JVM ended
    }
  }

  /** CPU of this process and of its children that have ended and been reaped (Linux /proc/self/stat). */
  static double cpuSeconds() {
    return cpuSeconds(true);
  }

  /** {@code withChildren} false: this process (the driver) alone. */
  static double cpuSeconds(boolean withChildren) {
    try {
      String st = Files.readString(Path.of("/proc/self/stat"));
      String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
      // fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the command
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (withChildren) ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return ticks / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private void heap(int trials, int results) throws Exception {
    HeapWatch watch = HeapWatch.start();
    String l0 = load();
    long[] liveAtEnd = new long[1];
    Run r = run(spec("heap", trials, 16, results, 0), () -> liveAtEnd[0] = liveAfterFullGcMb());
    long max = Runtime.getRuntime().maxMemory() >> 20;
    System.out.printf(Locale.ROOT, "heap: %d trials x %d results in %.1f s (%.0f results/s), %s; -Xmx %d MB, "
        + "peak used %d MB, peak after any GC %d MB, live at end (full GC, all trials held) %d MB%n", trials, results,
        r.wallS, trials * (double) results / r.wallS, r.journal(), max, watch.peakUsedMb(), watch.peakAfterGcMb(),
        liveAtEnd[0]);
    rows.add(new String[] {"d. driver heap " + trials + " x " + results + " results", "peak heap MB (max " + max + ")", "1",
        "pools' peaks summed " + watch.peakUsedMb() + "; max after any GC " + watch.peakAfterGcMb()
            + "; live at end after full GC " + liveAtEnd[0],
        "wall " + fmt(r.wallS) + " s, " + fmt(trials * (double) results / r.wallS) + " results/s, " + r.journal(),
        "<= 512 MB, no OOM", l0 + " / " + load()});
  }

  // ------------------------------------------------------------------ plumbing

  /**
   * One tiny experiment before measuring, and a wait (at most 30 s) for the worker class-data archive the
   * executor makes in the background on first use (once per JDK and class path; see WorkerCds). The
   * figures are thus those of a machine that has run Tunebench before; a first-ever run starts its first
   * workers without the archive.
   */
  private void warmUp() throws Exception {
    run(spec("warmup", 2, 2, 2, 0));
    Path dir = Path.of(System.getProperty("tunebench.cds.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "tunebench-cds-" + System.getProperty("user.name")).toString()));
    long end = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < end) {
      try (Stream<Path> s = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
        if (s.anyMatch(p -> p.toString().endsWith(".jsa"))) break;
      }
      Thread.sleep(200);
    }
  }

  private record Run(double wallS, long commits, long writes, long progressWrites, double cpuS, double driverCpuS,
      double firstResultS) {
    String journal() {
      return String.format(Locale.ROOT, "%d writes / %d commits = %.1f per commit (+%d progress rows)", writes, commits,
          commits == 0 ? 0.0 : writes / (double) commits, progressWrites);
    }
  }

  private ObjectNode spec(String name, int trials, int concurrent, int iterations, double sleepMs) {
    ObjectNode s = Wire.JSON.createObjectNode();
    s.put("name", name);
    s.putObject("trainable").put("jar", jar.toString()).put("class", CLASS);
    s.putObject("space").put("sleep_ms", sleepMs);
    s.put("metric", "score").put("mode", "max");
    s.put("numSamples", trials).put("maxConcurrentTrials", concurrent);
    s.putObject("stop").put("training_iteration", iterations);
    // 16 trials share the 2 cores of ResourcePool(2, ...); memoryMb is each worker's -Xmx
    s.putObject("resourcesPerTrial").put("cpu", 2.0 / Math.max(concurrent, 2)).put("memoryMb", 64);
    // profiling only: extra worker JVM options, e.g. BENCH_WORKER_JVM_ARGS=-XX:StartFlightRecording
    String extra = System.getenv("BENCH_WORKER_JVM_ARGS");
    if (extra != null && !extra.isBlank()) for (String a : extra.trim().split("\\s+")) s.withArray("jvmArgs").add(a);
    return s;
  }

  private Run run(ObjectNode specJson) throws Exception {
    return run(specJson, () -> { });
  }

  /** {@code atEnd} runs after the experiment ended, while its driver, trials and journal are still open. */
  private Run run(ObjectNode specJson, Runnable atEnd) throws Exception {
    Path dir = Files.createDirectories(work.resolve(specJson.path("name").asText()));
    Path f = dir.resolve("spec.json");
    Files.writeString(f, specJson.toString());
    try (ExperimentStore store = ExperimentStore.open(dir.resolve("db/tunebench.mv.db"))) {
      ExperimentSpec spec = SpecReader.read(f);
      double cpu0 = cpuSeconds();
      double driver0 = cpuSeconds(false);
      long t0 = System.nanoTime();
      AtomicLong firstResult = new AtomicLong();
      AtomicLong firstRunning = new AtomicLong();
      RunningExperiment running = new ExperimentLauncher(store, new ResourcePool(2, 0, 16_000), DriverOptions.defaults())
          .start(spec, f);
      long started = System.nanoTime();
      running.controller().addListener(new EngineListener() {
        @Override public void result(TrialSnapshot trial, Map<String, Object> result) {
          firstResult.compareAndSet(0, System.nanoTime());
        }

        @Override public void statusChanged(TrialSnapshot trial, org.tunebench.model.TrialStatus from, String reason) {
          if (trial.status() == org.tunebench.model.TrialStatus.RUNNING) firstRunning.compareAndSet(0, System.nanoTime());
        }
      });
      String status = running.run();
      double wall = (System.nanoTime() - t0) / 1e9;
      atEnd.run();
      long commits = running.journal().commits();
      long writes = running.journal().writes();
      long progress = progressWrites(running);
      running.close();
      awaitChildren();
      double cpu = cpuSeconds() - cpu0;
      double driverCpu = cpuSeconds(false) - driver0;
      if (!"COMPLETED".equals(status)) throw new IllegalStateException(specJson.path("name") + " ended " + status);
      deleteTree(dir.resolve(specJson.path("name").asText()));
      if (System.getenv("BENCH_TRACE_START") != null) {
        System.out.printf(Locale.ROOT, "start: launcher %.3f s, first RUNNING %.3f s, first result %.3f s%n",
            (started - t0) / 1e9, (firstRunning.get() - t0) / 1e9, (firstResult.get() - t0) / 1e9);
      }
      return new Run(wall, commits, writes, progress, cpu, driverCpu, (firstResult.get() - t0) / 1e9);
    }
  }

  /** Reflective, so that the same bench runs against an engine build from before that counter existed. */
  private static long progressWrites(RunningExperiment running) {
    try {
      return (long) running.journal().getClass().getMethod("progressWrites").invoke(running.journal());
    } catch (ReflectiveOperationException e) {
      return 0;
    }
  }

  /** Worker JVMs end after the run; their CPU counts once they are reaped. */
  private static void awaitChildren() throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    Thread.sleep(100); // the reaper thread waits for each ended child
  }

  private double optuna(int trials) throws Exception {
    String py = System.getenv().getOrDefault("BENCH_OPTUNA_PY", "/usr/bin/python3");
    Path script = Path.of("src/bench/python/optuna_overhead.py").toAbsolutePath();
    Path d = Files.createDirectories(work.resolve("optuna"));
    Process p = new ProcessBuilder(py, script.toString(), Integer.toString(trials), d.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("optuna script failed:\n" + out);
    for (String line : out.split("\n")) {
      if (line.startsWith("optuna ")) {
        for (String kv : line.split(" ")) if (kv.startsWith("wall_s=")) return Double.parseDouble(kv.substring(7));
      }
    }
    throw new IllegalStateException("no result line from optuna script:\n" + out);
  }

  private static Path buildJar(Path work) throws IOException {
    return BenchJars.build(work);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }

  private static long liveAfterFullGcMb() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static String[] row(String scenario, String measure, List<Double> runs, String median, String target, String load) {
    return new String[] {scenario, measure, Integer.toString(runs.size()), median,
        String.join(", ", runs.stream().map(EngineBench::fmt).toList()), target, load};
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }

  private static String fmt3(double d) {
    return String.format(Locale.ROOT, "%.3f", d);
  }

  /** Peak heap: the pools' peak used, and the largest heap left after any GC (the live set). */
  private static final class HeapWatch {
    private final AtomicLong peakAfterGc = new AtomicLong();

    static HeapWatch start() {
      HeapWatch w = new HeapWatch();
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
          if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
          GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long used = 0;
          for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeap(e.getKey())) used += e.getValue().getUsed();
          }
          w.peakAfterGc.accumulateAndGet(used, Math::max);
        }, null, null);
      }
      return w;
    }

    private static boolean isHeap(String pool) {
      return ManagementFactory.getMemoryPoolMXBeans().stream()
          .anyMatch(p -> p.getName().equals(pool) && p.getType() == MemoryType.HEAP);
    }

    long peakUsedMb() {
      long sum = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
      }
      return sum >> 20;
    }

    long peakAfterGcMb() {
      return peakAfterGc.get() >> 20;
    }
  }
}
