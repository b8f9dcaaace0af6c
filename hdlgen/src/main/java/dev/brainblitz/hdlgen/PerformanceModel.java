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
    return initiationInterval(engines, folds, InputPort.VECTOR);
  }

  /**
   * The initiation interval with the top's input taken as {@code port} says: with
   * {@link InputPort#STREAM} the first engine's one input buffer takes the B = {@link #streamBeats}
   * beats of a vector only while the engine does not compute (the first beat of the next vector in
   * the last issue of the vector before), so the first engine needs its cycles + B - 1 per vector:
   * II = max(cycles(engine 0) + B - 1, cycles of every other engine).
   */
  public static long initiationInterval(List<Engine> engines, List<Fold> folds, InputPort port) {
    long ii = 0;
    for (int i = 0; i < engines.size(); i++) {
      long fill = i == 0 ? streamFill(engines.get(0), port) : 0;
      ii = Math.max(ii, cycles(engines.get(i), folds.get(i)) + fill);
    }
    return ii;
  }

  /**
   * B, the beats of one vector on an {@link InputPort#STREAM} port into a dense first engine of
   * MW elements: ceil(MW * bits per element / {@link InputPort#BEAT_BITS}).
   */
  public static int streamBeats(Engine first) {
    return ceilDiv(first.inputs() * first.inputKind().bitsPerElement(), InputPort.BEAT_BITS);
  }

  /** Cycles a dense first engine adds for taking its vector as beats: B - 1 with a stream port, else 0. */
  static long streamFill(Engine first, InputPort port) {
    return port == InputPort.STREAM && !first.isConv() ? streamBeats(first) - 1 : 0;
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
    return latency(engines, folds, levelsPerStage, InputPort.VECTOR);
  }

  /**
   * The latency with the top's input taken as {@code port} says, from the edge that takes the
   * vector's first beat: with {@link InputPort#STREAM} the B - 1 later beats come before the first
   * engine starts, Latency = the above + B - 1.
   */
  public static long latency(List<Engine> engines, List<Fold> folds, int levelsPerStage, InputPort port) {
    long latency = streamFill(engines.get(0), port) + argmaxStages(engines.get(engines.size() - 1).outputs());
    for (int i = 0; i < engines.size(); i++) {
      latency += cycles(engines.get(i), folds.get(i)) + pipelineStages(folds.get(i), levelsPerStage) + 1;
    }
    return latency;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
