package dev.brainblitz.farm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.brainblitz.hdlgen.Engine;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.PerformanceModel;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.text.TextModelPrinter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code blitz sweep}: the foldings of a model on some devices as {@link SweepJob}s on a farm, the
 * points gathered into a table (CSV, JSON) with the Pareto front marked: no other point on the same
 * device has at most as many LUTs and at least as many frames per second, one of them strictly.
 */
public final class Sweep {
  private Sweep() {}

  /** Every power of two of cycles from 1 to the slowest folding (every engine one lane), at most {@code max} of them. */
  public static List<Long> autoTargets(Network network, int max) {
    long slowest = 1;
    for (Engine e : Engine.of(network)) {
      slowest = Math.max(slowest, PerformanceModel.slowestCycles(e));
    }
    List<Long> targets = new ArrayList<>();
    for (long t = 1; t <= slowest && targets.size() < max; t *= 2) {
      targets.add(t);
    }
    return targets;
  }

  /**
   * The jobs for {@code network}: one per device and distinct folding among {@code targets} (targets
   * that give the same folding as a smaller one are dropped).
   */
  public static List<SweepJob> jobs(Network network, List<Long> targets, List<String> devices, double clockMhz,
      boolean synthesize) {
    String text = TextModelPrinter.print(network.model());
    List<SweepJob> jobs = new ArrayList<>();
    for (String device : devices) {
      Set<String> seen = new LinkedHashSet<>();
      for (long target : targets) {
        if (seen.add(FoldingPlan.forTarget(network, target).describeFolds())) {
          jobs.add(new SweepJob(text, target, device, clockMhz, synthesize));
        }
      }
    }
    return jobs;
  }

  /** A point and whether it is on its device's Pareto front. */
  public record Row(SweepPoint point, boolean pareto) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public static List<Row> markPareto(List<SweepPoint> points) {
    boolean[] front = ParetoFront.of(points, SweepPoint::device, SweepPoint::luts, p -> -p.framesPerSecond());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < front.length; i++) {
      rows.add(new Row(points.get(i), front[i]));
    }
    return rows;
  }

  public static String csv(List<Row> rows) {
    var out = new StringBuilder("device,target_cycles,folds,ii,latency,est_luts,est_ffs,rom_bits,luts,ffs,fmax_mhz,fits,"
        + "frames_per_s,pareto\n");
    for (Row r : rows) {
      SweepPoint p = r.point();
      out.append(String.join(",", p.device(), Long.toString(p.targetCycles()), '"' + p.folds() + '"',
          Long.toString(p.initiationInterval()), Long.toString(p.latency()), Long.toString(p.estimatedLuts()),
          Long.toString(p.estimatedFlipFlops()), Long.toString(p.romBits()),
          p.synthesized() ? Long.toString(p.measuredLuts()) : "", p.synthesized() ? Long.toString(p.measuredFlipFlops()) : "",
          Double.isNaN(p.fmaxMhz()) ? "" : String.format(Locale.ROOT, "%.2f", p.fmaxMhz()), Boolean.toString(p.fits()),
          String.format(Locale.ROOT, "%.1f", p.framesPerSecond()), Boolean.toString(r.pareto()))).append('\n');
    }
    return out.toString();
  }

  /** The figures of a point as written to the JSON table and the results file (null where not measured). */
  public static Map<String, Object> fields(SweepPoint p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("device", p.device());
    m.put("targetCycles", p.targetCycles());
    m.put("folds", p.folds());
    m.put("initiationInterval", p.initiationInterval());
    m.put("latency", p.latency());
    m.put("estimatedLuts", p.estimatedLuts());
    m.put("estimatedFlipFlops", p.estimatedFlipFlops());
    m.put("romBits", p.romBits());
    m.put("measuredLuts", p.synthesized() ? p.measuredLuts() : null);
    m.put("measuredFlipFlops", p.synthesized() ? p.measuredFlipFlops() : null);
    m.put("fmaxMhz", Double.isNaN(p.fmaxMhz()) ? null : p.fmaxMhz());
    m.put("fits", p.fits());
    m.put("framesPerSecond", p.framesPerSecond());
    return m;
  }

  public static String json(String model, double clockMhz, List<Row> rows) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = fields(r.point());
      m.put("pareto", r.pareto());
      points.add(m);
    }
    Map<String, Object> whole = new LinkedHashMap<>();
    whole.put("model", model);
    whole.put("clockMhz", clockMhz);
    whole.put("points", points);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(whole) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
