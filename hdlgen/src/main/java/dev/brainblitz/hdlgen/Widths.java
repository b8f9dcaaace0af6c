package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.Network;

/**
 * The widths and depths the generated hardware is sized by, each defined once and read by the
 * lowering, the performance and cost models, the adder trees and the Verilator harness. Accumulator
 * ranges come from {@link Accumulator}, the IL's statement of them, never from a literal.
 */
public final class Widths {
  private Widths() {}

  /** Entries of the FIFO between two engines (and before the output port). */
  public static final int LINK_DEPTH = 2;

  /** Bits of one class score on {@code out_scores}: a signed 32-bit integer. */
  public static final int SCORE_WIDTH = 32;

  /**
   * Bits of the scores inside the design (scores engine, argmax): a signed number holding every
   * partial sum of the scores accumulator ({@link Accumulator#min} to {@link Accumulator#max}) and
   * every sum plus bias. {@code out_scores} sign-extends them to {@link #SCORE_WIDTH}.
   */
  public static int scoreWidth(Network network) {
    var scores = network.scores();
    long accMin = Accumulator.min(network.scoresInputKind(), scores.inputs());
    long accMax = Accumulator.max(network.scoresInputKind(), scores.inputs());
    long biasMin = scores.bias().stream().mapToLong(Integer::longValue).min().orElse(0);
    long biasMax = scores.bias().stream().mapToLong(Integer::longValue).max().orElse(0);
    return Math.min(SCORE_WIDTH, signedWidth(Math.min(accMin, accMin + biasMin), Math.max(accMax, accMax + biasMax)));
  }

  /** ceil(log2 n) for n >= 1: the bits that number n values 0..n-1 (0 for n = 1). */
  public static int ceilLog2(long n) {
    return 64 - Long.numberOfLeadingZeros(n - 1);
  }

  /** Bits of a counter or index over n values: ceil(log2 n), at least 1. */
  public static int indexWidth(long n) {
    return Math.max(1, ceilLog2(n));
  }

  /** Bits of an unsigned number holding every value in [0, max]. */
  public static int unsignedWidth(long max) {
    return 64 - Long.numberOfLeadingZeros(max);
  }

  /** Bits of a two's complement number holding every value in [lo, hi]. */
  public static int signedWidth(long lo, long hi) {
    int bits = 1;
    while (lo < -(1L << (bits - 1)) || hi > (1L << (bits - 1)) - 1) {
      bits++;
    }
    return bits;
  }

  /** Bits of {@code in_data}: the whole input vector, {@code bitsPerElement} per element. */
  public static int inputWidth(Network network) {
    return network.inputSize() * network.input().kind().bitsPerElement();
  }

  /**
   * Bits of the top's {@code in_data} in {@code plan}: the whole vector ({@link InputPort#VECTOR}),
   * or one beat of an {@link InputPort#STREAM} port (8 bits, or one pixel of a first convolution in
   * {@link ConvWindow#LINE}).
   */
  public static int portWidth(FoldingPlan plan) {
    return EngineShape.of(plan, 0).inputWidth();
  }

  /**
   * Beats of the top's {@code in_data} per input vector in {@code plan}: 1 for {@link InputPort#VECTOR},
   * else ceil(vector bits / {@link #portWidth}); beat k holds bits [k * w, (k + 1) * w) of the whole vector.
   */
  public static int portBeats(FoldingPlan plan) {
    Engine first = plan.engines().get(0);
    int whole = first.inputVectorSize() * first.inputKind().bitsPerElement();
    int width = portWidth(plan);
    return (whole + width - 1) / width;
  }

  /** Bits of {@code out_class}. */
  public static int classWidth(Network network) {
    return indexWidth(network.classes());
  }

  /** Bits of one result lane of an engine: a score ({@link Engine#scoreWidth}), or one activation bit. */
  public static int laneWidth(Engine engine) {
    return engine.isScores() ? engine.scoreWidth() : 1;
  }

  /**
   * Bits of an engine's accumulator: a scores engine its scores' width; a hidden engine holds
   * every threshold the IL accepts for it ({@link Accumulator#minThreshold} to
   * {@link Accumulator#maxThreshold}), so accumulator and threshold compare in one width.
   */
  public static int accumulatorWidth(Engine engine) {
    if (engine.isScores()) {
      return engine.scoreWidth();
    }
    return signedWidth(Accumulator.minThreshold(engine.inputKind(), engine.inputs()),
        Accumulator.maxThreshold(engine.inputKind(), engine.inputs()));
  }
}
