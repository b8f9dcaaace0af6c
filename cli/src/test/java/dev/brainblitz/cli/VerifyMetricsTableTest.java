package dev.brainblitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.exec.Metric.Unit;
import dev.brainblitz.sim.iss.TimingModel;
import dev.brainblitz.sim.kernel.IssOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code blitz verify} shows typed metrics: formatted from key, unit and number, never parsed. */
class VerifyMetricsTableTest {
  @Test
  void oneRowPerKeyAndUnitOneColumnPerMeasuringTarget() {
    List<Metric> engine = List.of(Metric.of("time", Unit.MICROSECONDS_PER_INFERENCE, 1.2345));
    List<Metric> rtl = List.of(Metric.of("II", Unit.CYCLES, 5).upTo(7).predicted(5),
        Metric.of("latency", Unit.CYCLES, 12).predicted(12), Metric.of("simulated", Unit.CYCLES, 1034),
        Metric.of("build", Unit.SECONDS, 12.34), Metric.of("simulation", Unit.VECTORS_PER_SECOND, 123456.7));
    String table = VerifyCommand.metricsTable(List.of("golden", "engine", "rtl"), List.of(List.of(), engine, rtl), 100,
        ExecutorOptions.DEFAULTS);
    assertEquals("""
          measured    unit          engine  rtl
          time        us/inference  1.23    -
          II          cycles        -       5..7 (predicted 5)
          latency     cycles        -       12 (predicted 12)
          simulated   cycles        -       1034
          build       s             -       12.3
          simulation  vectors/s     -       1.235e+05
          (.../inference: the mean over the 100 vectors)
          (engine us/inference: this one batch, measured cold, before the JIT compiled the engine; 'blitz bench MODEL' times the warmed-up engine)
        """, table);
  }

  @Test
  void perWeightWordFiguresAndTheIssTimingModelGetANote() {
    List<Metric> iss = List.of(Metric.of("time", Unit.CYCLES_PER_INFERENCE, 98183),
        Metric.of("code", Unit.BYTES, 5268), Metric.of("bipolar layers", Unit.INSTRUCTIONS_PER_WEIGHT_WORD, 2.5512));
    String table = VerifyCommand.metricsTable(List.of("golden", "iss:rv32im_xbnn"), List.of(List.of(), iss), 20,
        ExecutorOptions.DEFAULTS.with(new IssOptions(TimingModel.byName("picorv32").orElseThrow())));
    assertEquals("""
          measured        unit                      iss:rv32im_xbnn
          time            cycles/inference          98183.0
          code            bytes                     5268
          bipolar layers  instructions/weight word  2.551
          (.../inference: the mean over the 20 vectors)
          (instructions per weight word: counted on the first vector, in those layers only)
          (iss cycles: the picorv32 timing model)
        """, table);
  }

  @Test
  void nothingMeasuredPrintsNothing() {
    assertEquals("", VerifyCommand.metricsTable(List.of("golden", "faulty:3"), List.of(List.of(), List.of()), 10,
        ExecutorOptions.DEFAULTS));
  }
}
