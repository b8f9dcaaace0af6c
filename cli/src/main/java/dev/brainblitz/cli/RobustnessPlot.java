package dev.brainblitz.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The robustness plot, drawn with JFreeChart (the library of the sweep's plot): accuracy in percent
 * against bit-error rate on a log axis, one line per model (mean over trials, the bars spanning the
 * trials' minimum to maximum), dashed reference lines at each model's fault-free accuracy and at the
 * float teacher's when given.
 */
final class RobustnessPlot {
  private RobustnessPlot() {}

  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

  static byte[] png(String title, String xLabel, List<Robustness.Curve> curves, OptionalDouble teacher, int width,
      int height) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (Robustness.Curve curve : curves) {
      YIntervalSeries series = new YIntervalSeries(curve.model());
      for (Robustness.Point p : curve.points()) {
        series.add(p.rate(), 100 * p.mean(), 100 * p.min(), 100 * p.max());
      }
      data.addSeries(series);
    }
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(true);
    renderer.setDefaultShapesVisible(true);
    LogAxis x = new LogAxis(xLabel);
    x.setBase(10);
    x.setSmallestValue(1e-9);
    x.setNumberFormatOverride(new java.text.DecimalFormat("0.#E0", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
    NumberAxis y = new NumberAxis("accuracy (%)");
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    BasicStroke dashed = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    // The axis spans every point and every reference line (markers do not widen the auto range).
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Robustness.Curve curve : curves) {
      low = Math.min(low, 100 * curve.faultFree());
      high = Math.max(high, 100 * curve.faultFree());
      for (Robustness.Point p : curve.points()) {
        low = Math.min(low, 100 * p.min());
        high = Math.max(high, 100 * p.max());
      }
    }
    if (teacher.isPresent()) {
      low = Math.min(low, teacher.getAsDouble());
      high = Math.max(high, teacher.getAsDouble());
    }
    double margin = Math.max(0.5, (high - low) * 0.05);
    y.setRange(low - margin, high + margin);
    for (int i = 0; i < curves.size(); i++) {
      Color color = COLORS[i % COLORS.length];
      renderer.setSeriesPaint(i, color);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setErrorPaint(Color.GRAY);
      Robustness.Curve curve = curves.get(i);
      plot.addRangeMarker(marker(100 * curve.faultFree(), curve.model() + " without faults "
          + String.format(Locale.ROOT, "%.2f%%", 100 * curve.faultFree()), color, dashed, i % 2 == 0));
    }
    teacher.ifPresent(t -> plot.addRangeMarker(marker(t, "float teacher " + String.format(Locale.ROOT, "%.2f%%", t),
        Color.DARK_GRAY, dashed, true)));
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

  /** A dashed horizontal line labelled above it, at the left ({@code left}) or the right of the plot. */
  private static ValueMarker marker(double value, String label, Color color, BasicStroke stroke, boolean left) {
    ValueMarker marker = new ValueMarker(value, color, stroke);
    marker.setLabel(label);
    marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    marker.setLabelPaint(color);
    marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    marker.setLabelAnchor(left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(left ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
    return marker;
  }
}
