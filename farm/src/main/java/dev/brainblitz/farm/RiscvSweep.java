package dev.brainblitz.farm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.text.TextModelPrinter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code blitz sweep --riscv}: a model lowered for every ISA level and run on the simulator with every
 * timing model, as {@link RiscvSweepJob}s on a farm; the points gathered into a table (CSV, JSON)
 * with the Pareto front per timing model marked: no other point of the same timing model has at most
 * as many bytes of .text and at most as many cycles per inference, one of them strictly.
 */
public final class RiscvSweep {
  private RiscvSweep() {}

  /** One job per ISA level and timing model, ISA levels outermost, in the order given. */
  public static List<RiscvSweepJob> jobs(Network network, List<String> isas, List<String> timings, int vectors,
      long vectorSeed) {
    String text = TextModelPrinter.print(network.model());
    List<RiscvSweepJob> jobs = new ArrayList<>();
    for (String isa : isas) {
      for (String timing : timings) {
        jobs.add(new RiscvSweepJob(text, isa, timing, vectors, vectorSeed));
      }
    }
    return jobs;
  }

  /** A point and whether it is on its timing model's Pareto front. */
  public record Row(RiscvPoint point, boolean pareto) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public static List<Row> markPareto(List<RiscvPoint> points) {
    boolean[] front = ParetoFront.of(points, RiscvPoint::timing, RiscvPoint::textBytes, RiscvPoint::cyclesPerInference);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < front.length; i++) {
      rows.add(new Row(points.get(i), front[i]));
    }
    return rows;
  }

  /** The figures of a point as written to the table and the results file, in column order. */
  public static Map<String, Object> fields(RiscvPoint p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("isa", p.isa());
    m.put("timing", p.timing());
    m.put("vectors", p.vectors());
    m.put("cyclesPerInference", p.cyclesPerInference());
    m.put("instructionsPerInference", p.instructionsPerInference());
    m.put("textBytes", p.textBytes());
    m.put("rodataBytes", p.rodataBytes());
    m.put("stackBytes", p.stackBytes());
    return m;
  }

  public static String csv(List<Row> rows) {
    var out = new StringBuilder("isa,timing,vectors,cycles_per_inference,instructions_per_inference,text_bytes,"
        + "rodata_bytes,stack_bytes,pareto\n");
    for (Row r : rows) {
      RiscvPoint p = r.point();
      out.append(String.join(",", p.isa(), '"' + p.timing() + '"', Integer.toString(p.vectors()),
          format(p.cyclesPerInference()), format(p.instructionsPerInference()), Long.toString(p.textBytes()),
          Long.toString(p.rodataBytes()), Long.toString(p.stackBytes()), Boolean.toString(r.pareto()))).append('\n');
    }
    return out.toString();
  }

  /** A per-inference figure: an integer when it is one, else two decimals. */
  public static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }

  public static String json(String model, List<Row> rows) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = fields(r.point());
      m.put("pareto", r.pareto());
      points.add(m);
    }
    Map<String, Object> whole = new LinkedHashMap<>();
    whole.put("model", model);
    whole.put("points", points);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(whole) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
