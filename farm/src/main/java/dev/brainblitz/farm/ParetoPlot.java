package dev.brainblitz.farm;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The sweep's scatter plot, drawn with JFreeChart: LUTs (measured when synthesized, else estimated)
 * against frames per second, every point per device and its Pareto front joined
 * by a line.
 */
public final class ParetoPlot {
  private ParetoPlot() {}

  /** The plot as PNG bytes, {@code width} x {@code height} pixels. */
  public static byte[] png(String title, List<Sweep.Row> rows, int width, int height) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    int series = 0;
    for (String device : new TreeSet<>(rows.stream().map(r -> r.point().device()).toList())) {
      XYSeries all = new XYSeries(device + " foldings", false);
      XYSeries front = new XYSeries(device + " Pareto front", true);
      rows.stream().filter(r -> r.point().device().equals(device))
          .sorted(Comparator.comparingLong(r -> r.point().luts()))
          .forEach(r -> {
            all.add(r.point().luts(), r.point().framesPerSecond());
            if (r.pareto()) {
              front.add(r.point().luts(), r.point().framesPerSecond());
            }
          });
      data.addSeries(all);
      renderer.setSeriesLinesVisible(series, false);
      renderer.setSeriesShapesVisible(series, true);
      series++;
      data.addSeries(front);
      renderer.setSeriesLinesVisible(series, true);
      renderer.setSeriesShapesVisible(series, false);
      renderer.setSeriesStroke(series, new BasicStroke(2f));
      series++;
    }
    boolean measured = rows.stream().anyMatch(r -> r.point().synthesized());
    NumberAxis x = new NumberAxis(measured ? "LUTs (Yosys)" : "LUTs (estimate)");
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis("frames/s");
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    var bytes = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(bytes, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
