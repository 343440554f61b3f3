package org.tunebench.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.run.RunDashboardView;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.WindowPrefs;

/**
 * Feeds 1,000 trials x 1,000 results through the batching adapter into a live run dashboard and measures
 * FX pulse times (p50/p99), then sorts and scrolls a 10,000-row table. Prints a markdown table.
 * Run (headless): java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 *   -cp target/classes:target/bench-classes:$(cat cp.txt) org.tunebench.bench.DashboardBench
 * or under Xvfb without the Monocle properties.
 */
public final class DashboardBench {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int points = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    ExperimentSpec spec = SpecReader.read(SpecReader.parseJson("""
        {"name":"bench","trainable":{"jar":"/nonexistent.jar","class":"X"},"space":{"lr":{"uniform":[0,1]}},
         "metric":"loss","mode":"min"}"""), null, "bench");
    ExperimentSession session = new ExperimentSession("bench", spec);
    List<Long> pulses = new ArrayList<>();
    // the handler time alone hides a slow render thread: the gap between pulses is what the user sees
    List<Long> gaps = new ArrayList<>();
    List<Long> frames = new ArrayList<>();
    boolean[] recording = {true};
    // on a shared machine wall time includes waiting for a core; CPU time of the FX thread does not
    List<Long> cpus = new ArrayList<>();
    long[] prev = {0};
    CountDownLatch shown = new CountDownLatch(1);
    RunDashboardView[] view = new RunDashboardView[1];
    Platform.runLater(() -> {
      view[0] = new RunDashboardView(session, new org.tunebench.ui.command.ActionFactory(new org.tunebench.ui.command.CommandSet()), r -> {},
          new WindowPrefs(java.util.prefs.Preferences.userRoot().node("tunebench-bench")));
      Stage st = new Stage();
      st.setScene(new Scene(view[0], 1200, 760));
      st.show();
      new AnimationTimer() {
        @Override public void handle(long now) {
          if (!recording[0]) return;
          long t0 = System.nanoTime();
          long c0 = CPU.getCurrentThreadCpuTime();
          session.pump();
          long t1 = System.nanoTime();
          view[0].frame();
          frames.add(System.nanoTime() - t1);
          pulses.add(System.nanoTime() - t0);
          cpus.add(CPU.getCurrentThreadCpuTime() - c0);
          if (prev[0] != 0) gaps.add(now - prev[0]);
          prev[0] = now;
        }
      }.start();
      shown.countDown();
    });
    shown.await();
    // the driver side: results arrive interleaved across trials, as from concurrent workers
    long feedStart = System.nanoTime();
    for (int p = 1; p <= points; p++) {
      for (int t = 0; t < trials; t++) {
        String id = String.format("%05d", t);
        Map<String, Object> r = new HashMap<>();
        r.put("training_iteration", p);
        r.put("loss", (1 + t % 7) * Math.exp(-p / 200.0) + 0.01 * Math.sin(p + t));
        r.put("time_total_s", p * 0.1);
        r.put("timestamp", p * 0.1);
        TrialSnapshot s = new TrialSnapshot(id, t, TrialStatus.RUNNING, Map.of("lr", t / (double) trials), p, r,
            (Double) r.get("loss"), 0, null, null, null, null, Instant.EPOCH, p * 0.1, null, null, null, null);
        if (p == 1) session.batcher().trialAdded(s);
        session.batcher().result(s, r);
      }
      if (p % 50 == 0) Thread.sleep(5);
    }
    while (session.batcher().hasPending()) Thread.sleep(50);
    Thread.sleep(1000);
    double feedS = (System.nanoTime() - feedStart) / 1e9;
    // the timer keeps appending on the FX thread: copy the samples there, and stop recording
    java.util.concurrent.FutureTask<List<List<Long>>> copy = new java.util.concurrent.FutureTask<>(() -> {
      List<List<Long>> c = List.of(new ArrayList<>(pulses), new ArrayList<>(gaps), new ArrayList<>(frames), new ArrayList<>(cpus));
      recording[0] = false;
      return c;
    });
    Platform.runLater(copy);
    List<List<Long>> samples = copy.get();
    long[] ps = samples.get(0).stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(ps);
    long[] fs = samples.get(2).stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(fs);
    long[] gs = samples.get(1).stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(gs);
    // 10,000-row table: sort by best and scroll end to end
    List<Long> tableOps = new ArrayList<>();
    List<Long> tableCpu = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    List<TrialSnapshot> many = new ArrayList<>();
    for (int t = trials; t < 10_000; t++) {
      many.add(new TrialSnapshot(String.format("%05d", t), t, TrialStatus.TERMINATED, Map.of("lr", Math.random()), 10,
          Map.of("loss", Math.random()), Math.random(), 0, null, null, null, null, Instant.EPOCH, 1, null, null, null, null));
    }
    Platform.runLater(() -> {
      session.table().apply(many);
      var table = view[0].table();
      for (int i = 0; i < 6; i++) {
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        var col = table.getColumns().get(i % 2 == 0 ? table.getColumns().size() - 3 : 0);
        table.getSortOrder().setAll(col);
        table.layout();
        tableOps.add(System.nanoTime() - t0);
        tableCpu.add(CPU.getCurrentThreadCpuTime() - c0);
        t0 = System.nanoTime();
        c0 = CPU.getCurrentThreadCpuTime();
        table.scrollTo(i % 2 == 0 ? 9_999 : 0);
        table.layout();
        tableOps.add(System.nanoTime() - t0);
        tableCpu.add(CPU.getCurrentThreadCpuTime() - c0);
      }
      done.countDown();
    });
    done.await();
    // the curves alone at this load: the dashboard's chart (raster layer in the JFreeChart plot) against the same
    // curves drawn by JFreeChart's own line renderer into the same canvas, FX-thread CPU time per full redraw
    long[][] curveDraws = new long[2][];
    CountDownLatch drawn = new CountDownLatch(1);
    Platform.runLater(() -> {
      var curves = view[0].curves();
      curveDraws[0] = new long[6];
      for (int i = 0; i < curveDraws[0].length; i++) {
        long c0 = CPU.getCurrentThreadCpuTime();
        curves.markDirty();
        curves.paintIfDirty();
        curveDraws[0][i] = CPU.getCurrentThreadCpuTime() - c0;
      }
      org.jfree.data.xy.DefaultXYDataset all = new org.jfree.data.xy.DefaultXYDataset();
      for (var e : session.curves().curves().entrySet()) {
        var c = e.getValue();
        double[][] xy = {c.iteration.toArray(), c.metric("loss").toArray()};
        all.addSeries(e.getKey(), xy);
      }
      var rd = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
      for (int i = 0; i < all.getSeriesCount(); i++) rd.setSeriesPaint(i, org.tunebench.charts.ChartStyle.light().series(i));
      var plot = new org.jfree.chart.plot.XYPlot(all, new org.jfree.chart.axis.NumberAxis("training_iteration"),
          new org.jfree.chart.axis.NumberAxis("loss"), rd);
      var pure = new org.jfree.chart.JFreeChart(null, org.jfree.chart.JFreeChart.DEFAULT_TITLE_FONT, plot, false);
      var canvas = curves.viewer().getCanvas();
      var own = canvas.getChart();
      curveDraws[1] = new long[3];
      for (int i = 0; i < curveDraws[1].length; i++) {
        long c0 = CPU.getCurrentThreadCpuTime();
        canvas.setChart(pure);
        curveDraws[1][i] = CPU.getCurrentThreadCpuTime() - c0;
        canvas.setChart(own);
      }
      drawn.countDown();
    });
    drawn.await();
    long maxTable = tableOps.stream().mapToLong(Long::longValue).max().orElse(0);
    System.err.println("table ops ms (sort, scroll, ...): " + tableOps.stream().map(t -> String.format("%.1f", t / 1e6)).toList());
    System.err.println("table ops FX-thread CPU ms: " + tableCpu.stream().map(t -> String.format("%.1f", t / 1e6)).toList());
    System.out.println("| measure | value |");
    System.out.println("|---|---|");
    System.out.printf("| results streamed | %d trials x %d points (%.1f s) |%n", trials, points, feedS);
    System.out.printf("| FX pulses measured | %d |%n", ps.length);
    System.out.printf("| pulse p50 | %.1f ms |%n", ps[ps.length / 2] / 1e6);
    System.out.printf("| pulse p99 | %.1f ms |%n", ps[(int) (ps.length * 0.99)] / 1e6);
    System.out.printf("| pulse max | %.1f ms |%n", ps[ps.length - 1] / 1e6);
    System.out.printf("| pulse-to-pulse interval p50 / p99 | %.1f / %.1f ms |%n", gs[gs.length / 2] / 1e6, gs[(int) (gs.length * 0.99)] / 1e6);
    long[] cs = samples.get(3).stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(cs);
    System.out.printf("| pulse FX-thread CPU time p50 / p99 / max | %.1f / %.1f / %.1f ms |%n", cs[cs.length / 2] / 1e6, cs[(int) (cs.length * 0.99)] / 1e6, cs[cs.length - 1] / 1e6);
    System.out.printf("| of which repaint (frame()) p50 / p99 | %.1f / %.1f ms |%n", fs[fs.length / 2] / 1e6, fs[(int) (fs.length * 0.99)] / 1e6);
    System.out.printf("| curve points drawn in the last repaint | %d |%n", view[0].curves().lastPointsDrawn());
    for (int k = 0; k < 2; k++) {
      long[] v = Arrays.copyOfRange(curveDraws[k], 1, curveDraws[k].length);
      Arrays.sort(v);
      System.out.printf("| curves redraw, %s, FX-thread CPU p50 / max | %.1f / %.1f ms |%n",
          k == 0 ? "raster layer in the JFreeChart plot" : "JFreeChart XYLineAndShapeRenderer, all points",
          v[v.length / 2] / 1e6, v[v.length - 1] / 1e6);
    }
    System.out.printf("| 10,000-row sort/scroll, worst op | %.1f ms |%n", maxTable / 1e6);
    System.out.printf("| 10,000-row sort/scroll, worst op FX-thread CPU | %.1f ms |%n",
        tableCpu.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6);
    Platform.exit();
    System.exit(0);
  }
}
