package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InferenceResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run of the Verilator harness wrote to its results file, read by name: one line per result,
 * {@code result CLASS SCORE0 SCORE1 ...}, and one line {@code measured NAME VALUE ...} whose
 * figures are looked up by their names ({@link Harness} writes the file).
 */
public record HarnessResults(List<InferenceResult> results, Measured measured) {

  /**
   * What one simulation measured: the cycles it ran, the smallest and largest interval between
   * results in the second half of the run (the steady-state II; 0 with fewer than two results), and
   * the cycles from accepting vector 0 to handing out its result.
   */
  public record Measured(long cycles, long iiMin, long iiMax, long latency) {}

  public HarnessResults {
    results = List.copyOf(results);
  }

  /** The results file as the harness's file mode writes it (so {@code parse(text())} gives this back). */
  public String text() {
    var out = new StringBuilder();
    for (InferenceResult r : results) {
      out.append("result ").append(r.predictedClass());
      for (int c = 0; c < r.classes(); c++) {
        out.append(' ').append(r.score(c));
      }
      out.append('\n');
    }
    out.append("measured cycles ").append(measured.cycles()).append(" ii_min ").append(measured.iiMin())
        .append(" ii_max ").append(measured.iiMax()).append(" latency ").append(measured.latency()).append('\n');
    return out.toString();
  }

  /** Reads a results file; a line it does not know, or a figure missing, is an {@link IllegalStateException}. */
  public static HarnessResults parse(List<String> lines) {
    List<InferenceResult> results = new ArrayList<>();
    Map<String, Long> figures = null;
    for (int n = 0; n < lines.size(); n++) {
      String[] f = lines.get(n).trim().split(" +");
      try {
        switch (f[0]) {
          case "result" -> {
            int[] scores = new int[Math.max(0, f.length - 2)];
            for (int c = 0; c < scores.length; c++) {
              scores[c] = Integer.parseInt(f[c + 2]);
            }
            results.add(InferenceResult.reported(scores, Integer.parseInt(f[1])));
          }
          case "measured" -> {
            figures = new HashMap<>();
            for (int i = 1; i + 1 < f.length; i += 2) {
              figures.put(f[i], Long.parseLong(f[i + 1]));
            }
          }
          case "" -> { }
          default -> throw new IllegalStateException("line " + (n + 1) + " of the harness results is neither a result "
              + "nor the measurements: " + lines.get(n));
        }
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw new IllegalStateException("line " + (n + 1) + " of the harness results is malformed: " + lines.get(n), e);
      }
    }
    if (figures == null) {
      throw new IllegalStateException("the harness results have no 'measured' line");
    }
    return new HarnessResults(results, new Measured(figure(figures, "cycles"), figure(figures, "ii_min"),
        figure(figures, "ii_max"), figure(figures, "latency")));
  }

  private static long figure(Map<String, Long> figures, String name) {
    Long value = figures.get(name);
    if (value == null) {
      throw new IllegalStateException("the harness results do not say '" + name + "'");
    }
    return value;
  }
}
