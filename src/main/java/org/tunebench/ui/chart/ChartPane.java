package org.tunebench.ui.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;
import org.tunebench.charts.ChartFiles;

/**
 * One JFreeChart in a ChartViewer (wheel zooms, drag zooms a box, Ctrl+drag pans, hover shows the tooltip) with a
 * small bar: reset zoom, and export of the chart as PNG or SVG or of its plotted data as CSV.
 */
public final class ChartPane extends BorderPane {
  public enum Format { PNG, SVG, CSV }

  private final ChartViewer viewer = new ChartViewer(null);
  private java.util.function.Supplier<String> csv;
  // wraps onto a second row on a narrow pane rather than squeezing its buttons to "..." (seen at 1024 px)
  private final javafx.scene.layout.FlowPane bar;

  public ChartPane(String id) {
    setId(id);
    getStyleClass().add("chart-pane");
    viewer.setMinSize(80, 60);
    Button reset = small("⟲", "reset zoom (show all data)", this::resetZoom);
    reset.setId(id + "-reset");
    bar = new javafx.scene.layout.FlowPane(2, 2, reset, small("PNG", "save the chart as a PNG image", () -> choose(Format.PNG)),
        small("SVG", "save the chart as an SVG drawing", () -> choose(Format.SVG)),
        small("CSV", "save the plotted data as CSV", () -> choose(Format.CSV)));
    bar.setAlignment(Pos.CENTER_RIGHT);
    bar.setPadding(new Insets(0, 2, 0, 2));
    setTop(bar);
    setCenter(viewer);
  }

  private static Button small(String text, String tip, Runnable r) {
    Button b = new Button(text);
    b.getStyleClass().add("chart-tool");
    b.setTooltip(new Tooltip(tip));
    b.setFocusTraversable(false);
    b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    b.setOnAction(e -> r.run());
    return b;
  }

  /** Shows {@code chart}, keeping the user's zoom when the new chart has the same axes (a live refresh). */
  public void setChart(JFreeChart chart) {
    JFreeChart old = viewer.getChart();
    if (chart.getPlot() instanceof XYPlot xy) {
      xy.setDomainPannable(true);
      xy.setRangePannable(true);
      if (old != null && old.getPlot() instanceof XYPlot o && !o.getDomainAxis().isAutoRange()
          && o.getDomainAxis().getLabel() != null && o.getDomainAxis().getLabel().equals(xy.getDomainAxis().getLabel())) {
        xy.getDomainAxis().setRange(o.getDomainAxis().getRange());
        xy.getRangeAxis().setRange(o.getRangeAxis().getRange());
      }
    }
    viewer.setChart(chart);
  }

  /** Puts chart-specific controls in the tool bar, before zoom reset and export. */
  public void addTools(javafx.scene.Node... tools) {
    bar.getChildren().addAll(0, java.util.List.of(tools));
  }

  /** The CSV export writes what {@code s} gives instead of the chart's datasets (a chart that plots more than them). */
  public void setCsv(java.util.function.Supplier<String> s) {
    csv = s;
  }

  public JFreeChart chart() {
    return viewer.getChart();
  }

  public ChartViewer viewer() {
    return viewer;
  }

  public void resetZoom() {
    if (viewer.getChart() != null && viewer.getChart().getPlot() instanceof XYPlot xy) {
      xy.getDomainAxis().setAutoRange(true);
      xy.getRangeAxis().setAutoRange(true);
    } else if (viewer.getChart() != null && viewer.getChart().getPlot() instanceof org.jfree.chart.plot.Zoomable z) {
      z.zoomDomainAxes(0, null, null);
    }
  }

  /** Calls {@code pick} with the trial a click lands on (the first line of the item's tooltip is its id). */
  public void onTrialClicked(Consumer<String> pick) {
    viewer.addChartMouseListener(new ChartMouseListenerFX() {
      @Override public void chartMouseClicked(ChartMouseEventFX e) {
        ChartEntity ent = e.getEntity();
        String tip = ent == null ? null : ent.getToolTipText();
        if (tip != null && !tip.isBlank()) pick.accept(tip.lines().findFirst().orElse(""));
      }

      @Override public void chartMouseMoved(ChartMouseEventFX e) {
      }
    });
  }

  /** Writes the chart (at its on-screen size, at least 640 × 400) or its data. */
  public void export(Format f, Path file) throws IOException {
    JFreeChart c = viewer.getChart();
    if (c == null) throw new IOException("no chart to export yet");
    int w = (int) Math.max(640, viewer.getWidth());
    int h = (int) Math.max(400, viewer.getHeight());
    switch (f) {
      case PNG -> Files.write(file, ChartFiles.png(c, w, h));
      case SVG -> Files.writeString(file, ChartFiles.svg(c, w, h), StandardCharsets.UTF_8);
      case CSV -> Files.writeString(file, csv != null ? csv.get() : ChartFiles.csv(c), StandardCharsets.UTF_8);
    }
  }

  private void choose(Format f) {
    if (getScene() == null) return;
    FileChooser fc = new FileChooser();
    String ext = f.name().toLowerCase();
    fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.name(), "*." + ext));
    fc.setInitialFileName(getId() + "." + ext);
    var file = fc.showSaveDialog(getScene().getWindow());
    if (file == null) return;
    try {
      export(f, file.toPath());
    } catch (IOException e) {
      new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR, "could not write " + file + ": "
          + e.getMessage()).show();
    }
  }
}
