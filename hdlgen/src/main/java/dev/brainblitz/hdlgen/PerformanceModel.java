package dev.brainblitz.hdlgen;

import java.util.List;

/**
 * The analytical model of the generated hardware, the one place its timing formulas live. The
 * Verilator harness measures the same quantities and the tests require them to be equal.
 */
public final class PerformanceModel {
  private PerformanceModel() {}

  /** Neuron folds of an engine: ceil(MH / PE). */
  public static int neuronFolds(Engine engine, Fold fold) {
    return ceilDiv(engine.outputs(), fold.pe());
  }

  /** Input folds (synapse folds) of an engine: ceil(MW / SIMD). */
  public static int inputFolds(Engine engine, Fold fold) {
    return ceilDiv(engine.inputs(), fold.simd());
  }

  /** Cycles an engine spends on one vector: ceil(MW / SIMD) * ceil(MH / PE). */
  public static long cycles(Engine engine, Fold fold) {
    return (long) inputFolds(engine, fold) * neuronFolds(engine, fold);
  }

  /** The initiation interval of the pipeline: the largest engine's cycles per vector. */
  public static long initiationInterval(List<Engine> engines, List<Fold> folds) {
    long ii = 0;
    for (int i = 0; i < engines.size(); i++) {
      ii = Math.max(ii, cycles(engines.get(i), folds.get(i)));
    }
    return ii;
  }

  /**
   * Cycles from the clock edge that accepts an input beat to the edge that hands its result out, on
   * an empty pipeline with the output ready: each engine computes for its cycles and then needs one
   * more cycle for its output register to be taken by the next stage (or the output port).
   */
  public static long latency(List<Engine> engines, List<Fold> folds) {
    long latency = 0;
    for (int i = 0; i < engines.size(); i++) {
      latency += cycles(engines.get(i), folds.get(i)) + 1;
    }
    return latency;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
