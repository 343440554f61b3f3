package org.tunebench.ui.lineage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.tunebench.app.analysis.Lineage;
import org.tunebench.charts.LineageChart;
import org.tunebench.ui.chart.ChartPane;
import org.tunebench.ui.chart.ChartStyles;

/**
 * The tree of forks and PBT exploits, read from the store off the FX thread when shown and every few seconds
 * while shown; a click on a trial's bar or on a copy's dot selects that trial.
 */
public final class LineageView extends BorderPane {
  static final long MIN_INTERVAL_MS = 3000;
  private final Supplier<Lineage> load;
  private final ChartPane chart = new ChartPane("chart-lineage");
  private final Label status = new Label();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lineage");
    t.setDaemon(true);
    return t;
  });
  private boolean busy;
  private long lastStart;
  private Lineage shown;

  public LineageView(Supplier<Lineage> load, Consumer<String> select) {
    this.load = load;
    setId("lineage-view");
    status.getStyleClass().add("muted");
    status.setId("lineage-status");
    setTop(status);
    setCenter(chart);
    chart.onTrialClicked(select);
  }

  public void refresh() {
    lastStart = 0;
    frame();
  }

  /** Once per pulse while shown: reloads at most every few seconds. */
  public void frame() {
    long now = System.currentTimeMillis();
    if (busy || now - lastStart < MIN_INTERVAL_MS) return;
    lastStart = now;
    busy = true;
    var style = ChartStyles.current();
    worker.execute(() -> {
      try {
        Lineage l = load.get();
        var c = LineageChart.of(l, style);
        Platform.runLater(() -> {
          busy = false;
          shown = l;
          chart.setChart(c);
          status.setText(org.tunebench.ui.format.Plural.count(l.spans().size(), "trial") + ", "
              + (l.links().size() == 1 ? "1 fork or exploit" : l.links().size() + " forks and exploits"));
        });
      } catch (RuntimeException e) {
        Platform.runLater(() -> {
          busy = false;
          status.setText("could not read the lineage: " + e.getMessage());
        });
      }
    });
  }

  public Lineage lineage() {
    return shown;
  }

  public void close() {
    worker.shutdownNow();
  }
}
