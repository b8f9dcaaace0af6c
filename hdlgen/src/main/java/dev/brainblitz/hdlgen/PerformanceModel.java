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

  /**
   * Cycles an engine spends on one vector: pixels * ceil(MW / SIMD) * ceil(MH / PE), where a dense
   * or scores engine has one pixel and a convolution one per output pixel (MW = K*K*C, MH = output
   * channels). There is no fill: the window of the first pixel is taken with the frame, and each
   * next window is loaded in the last issue of the pixel before it.
   */
  public static long cycles(Engine engine, Fold fold) {
    return (long) engine.pixels() * inputFolds(engine, fold) * neuronFolds(engine, fold);
  }

  /**
   * Multiply-accumulates of one frame in an engine: MW x MH per pixel (a u8 input times a weight
   * counts one), which is also its cycles folded PE = SIMD = 1, the slowest it can be.
   */
  public static long macs(Engine engine) {
    return (long) engine.pixels() * engine.inputs() * engine.outputs();
  }

  /** Cycles of an engine folded PE = SIMD = 1: the slowest it can be. */
  public static long slowestCycles(Engine engine) {
    return cycles(engine, new Fold(1, 1));
  }

  /**
   * Adder levels of an engine's popcount (or +/- byte) tree: ceil(log2 SIMD). The leaves are the
   * XNOR bits or the signed bytes; each level adds pairs.
   */
  public static int adderLevels(Fold fold) {
    return Widths.ceilLog2(fold.simd());
  }

  /**
   * Pipeline registers inside an engine's adder tree: one after every {@code levelsPerStage} adder
   * levels, none after the last level (the accumulator add and the threshold compare follow it), so
   * at most {@code levelsPerStage} levels lie between two registers: floor((levels - 1) / K).
   */
  public static int pipelineStages(Fold fold, int levelsPerStage) {
    int levels = adderLevels(fold);
    return levels == 0 ? 0 : (levels - 1) / levelsPerStage;
  }

  /**
   * Pipeline stages of the argmax after the scores engine: one per level of its compare-and-select
   * tree, ceil(log2 classes) (0 for one class).
   */
  public static int argmaxStages(int classes) {
    return Widths.ceilLog2(classes);
  }

  /**
   * The initiation interval of the pipeline: the largest engine's cycles per vector (max-pools and
   * flattens are wires between an engine and its link and take no cycles).
   */
  public static long initiationInterval(List<Engine> engines, List<Fold> folds) {
    long ii = 0;
    for (int i = 0; i < engines.size(); i++) {
      ii = Math.max(ii, cycles(engines.get(i), folds.get(i)));
    }
    return ii;
  }

  /**
   * Cycles from the clock edge that accepts an input beat to the edge that hands its result out, on
   * an empty pipeline with the output ready: each engine issues its cycles, its last partial sum
   * leaves the adder tree's pipeline registers {@link #pipelineStages} cycles later, and its result
   * then spends one cycle in the link FIFO before the next engine (or the output port) takes it; the
   * scores pass the {@link #argmaxStages} of the argmax before their link.
   * Latency = sum over engines of (cycles + pipeline stages + 1) + argmax stages.
   */
  public static long latency(List<Engine> engines, List<Fold> folds, int levelsPerStage) {
    long latency = argmaxStages(engines.get(engines.size() - 1).outputs());
    for (int i = 0; i < engines.size(); i++) {
      latency += cycles(engines.get(i), folds.get(i)) + pipelineStages(folds.get(i), levelsPerStage) + 1;
    }
    return latency;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
