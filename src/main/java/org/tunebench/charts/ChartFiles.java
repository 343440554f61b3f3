package org.tunebench.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/** A chart as PNG bytes, SVG text, or the CSV of exactly the data it plots. */
public final class ChartFiles {
  private ChartFiles() {
  }

  public static byte[] png(JFreeChart chart, int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, w, h);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A standalone SVG document: Apache Batik's SVG generator records the same Java2D calls the PNG export makes
   * (images, such as the learning curves' raster layer, embedded as base64 PNG), into a JDK DOM document.
   */
  public static String svg(JFreeChart chart, int w, int h) {
    try {
      org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
      org.apache.batik.svggen.SVGGeneratorContext ctx = org.apache.batik.svggen.SVGGeneratorContext.createDefault(doc);
      // Batik's own PNG writer lives in batik-codec (and its dependencies); the JDK's ImageIO writes the same PNG
      ctx.setImageHandler(new org.apache.batik.svggen.ImageHandlerBase64Encoder() {
        @Override public void encodeImage(java.awt.image.RenderedImage img, java.io.OutputStream os)
            throws org.apache.batik.svggen.SVGGraphics2DIOException {
          try {
            javax.imageio.ImageIO.write(img, "png", os);
          } catch (IOException e) {
            throw new org.apache.batik.svggen.SVGGraphics2DIOException(e);
          }
        }
      });
      org.apache.batik.svggen.SVGGraphics2D g = new org.apache.batik.svggen.SVGGraphics2D(ctx, false);
      g.setSVGCanvasSize(new java.awt.Dimension(w, h));
      chart.draw(g, new Rectangle2D.Double(0, 0, w, h));
      java.io.StringWriter out = new java.io.StringWriter();
      g.stream(out, true);
      return out.toString();
    } catch (javax.xml.parsers.ParserConfigurationException | IOException e) {
      throw new IllegalStateException("could not write SVG: " + e.getMessage(), e);
    }
  }

  /** One row per plotted value: {@code series,x,y} (plus {@code z} for a heat map), or {@code row,column,value}. */
  public static String csv(JFreeChart chart) {
    StringBuilder b = new StringBuilder();
    Plot p = chart.getPlot();
    if (p instanceof XYPlot xy) {
      boolean anyZ = false;
      for (int d = 0; d < xy.getDatasetCount(); d++) anyZ |= xy.getDataset(d) instanceof XYZDataset;
      String xl = xy.getDomainAxis() == null ? "x" : xy.getDomainAxis().getLabel();
      String yl = xy.getRangeAxis() == null ? "y" : xy.getRangeAxis().getLabel();
      b.append("series,").append(cell(xl)).append(',').append(cell(yl)).append(anyZ ? ",z" : "").append('\n');
      for (int d = 0; d < xy.getDatasetCount(); d++) {
        XYDataset ds = xy.getDataset(d);
        if (ds == null) continue;
        for (int s = 0; s < ds.getSeriesCount(); s++) {
          String name = cell(String.valueOf(ds.getSeriesKey(s)));
          for (int i = 0; i < ds.getItemCount(s); i++) {
            b.append(name).append(',').append(ds.getXValue(s, i)).append(',').append(ds.getYValue(s, i));
            if (anyZ) b.append(',').append(ds instanceof XYZDataset z ? Double.toString(z.getZValue(s, i)) : "");
            b.append('\n');
          }
        }
      }
    } else if (p instanceof CategoryPlot cp) {
      b.append("row,column,value\n");
      for (int d = 0; d < cp.getDatasetCount(); d++) {
        CategoryDataset ds = cp.getDataset(d);
        if (ds == null) continue;
        for (int r = 0; r < ds.getRowCount(); r++) {
          for (int c = 0; c < ds.getColumnCount(); c++) {
            Number v = ds.getValue(r, c);
            b.append(cell(String.valueOf(ds.getRowKey(r)))).append(',').append(cell(String.valueOf(ds.getColumnKey(c))))
                .append(',').append(v == null ? "" : v.toString()).append('\n');
          }
        }
      }
    }
    return b.toString();
  }

  public static String csvCell(String s) {
    return cell(s);
  }

  static String cell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
