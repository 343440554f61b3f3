package org.tunebench.charts;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.tunebench.app.analysis.Lineage;

/**
 * The lineage as a chart: one row per trial (its span of steps as a bar), and for every fork or exploit a line
 * from the source trial's row to the copying trial's row at the step it happened, ending in a dot whose tooltip
 * says who copied whom, when, and what changed.
 */
public final class LineageChart {
  private LineageChart() {
  }

  public static JFreeChart of(Lineage l, ChartStyle s) {
    String[] ids = l.spans().stream().map(Lineage.Span::id).toArray(String[]::new);
    XYSeriesCollection spans = new XYSeriesCollection();
    XYLineAndShapeRenderer spanR = new XYLineAndShapeRenderer(true, false);
    for (Lineage.Span sp : l.spans()) {
      XYSeries se = new XYSeries(sp.id(), false, true);
      se.add(sp.from(), sp.row());
      se.add(sp.to(), sp.row());
      int i = spans.getSeriesCount();
      spans.addSeries(se);
      spanR.setSeriesPaint(i, s.grid().darker());
      spanR.setSeriesStroke(i, new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }
    spanR.setDefaultToolTipGenerator((d, se, i) -> d.getSeriesKey(se) + "\nsteps " + (long) d.getXValue(se, 0)
        + "–" + (long) d.getXValue(se, 1));
    XYSeriesCollection links = new XYSeriesCollection();
    XYLineAndShapeRenderer linkR = new XYLineAndShapeRenderer(true, true) {
      @Override public boolean getItemShapeVisible(int series, int item) {
        return item == 1;
      }
    };
    List<Lineage.Link> ls = l.links();
    java.util.Map<String, Integer> row = new java.util.HashMap<>();
    for (Lineage.Span sp : l.spans()) row.put(sp.id(), sp.row());
    // links at one step (a donor to two trials, say) side by side: drawn on one x they were one line through
    // the nearer trial's row
    double span = 0;
    for (Lineage.Link x : ls) span = Math.max(span, x.step());
    double apart = Math.max(0.15, span / 120);
    java.util.Map<Double, Integer> atStep = new java.util.HashMap<>();
    for (int k = 0; k < ls.size(); k++) {
      Lineage.Link x = ls.get(k);
      double at = x.step() + apart * atStep.merge((double) x.step(), 1, Integer::sum) - apart;
      XYSeries se = new XYSeries(k, false, true);
      se.add(at, row.get(x.from()));
      se.add(at, row.get(x.to()));
      links.addSeries(se);
      linkR.setSeriesPaint(k, x.kind().equals("fork") ? s.series(1) : s.accent());
      linkR.setSeriesStroke(k, new BasicStroke(1.5f));
      linkR.setSeriesShape(k, new Ellipse2D.Double(-4, -4, 8, 8));
    }
    linkR.setDefaultToolTipGenerator((d, se, i) -> {
      Lineage.Link x = ls.get(se);
      return x.to() + "\n" + (x.kind().equals("fork") ? "forked from " : "exploited ") + x.from() + " at step "
          + (long) x.step() + "\n" + x.at() + (x.change().isEmpty() ? "" : "\n" + x.change());
    });
    SymbolAxis y = new SymbolAxis("trial", ids);
    y.setGridBandsVisible(false);
    y.setInverted(true);
    NumberAxis x = new NumberAxis("step");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = new XYPlot(links, x, y, linkR);
    plot.setDataset(1, spans);
    plot.setRenderer(1, spanR);
    JFreeChart c = new JFreeChart("Lineage", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    long forks = ls.stream().filter(k -> k.kind().equals("fork")).count();
    c.addSubtitle(new TextTitle(ls.isEmpty() ? "no forks or PBT exploits in this experiment"
        : (ls.size() - forks) + " PBT exploits (blue), " + forks + " forks (orange): a line runs from the trial copied to the one that copied it"));
    return s.apply(c);
  }

}
