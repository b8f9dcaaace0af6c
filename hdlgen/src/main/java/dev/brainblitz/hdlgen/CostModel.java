package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InputKind;

/**
 * Rough resource estimates of an engine, for comparing foldings (not a synthesis result): ROM bits
 * exactly as generated (padding included), and LUT/FF counts from a simple per-lane model: a
 * bipolar lane (XNOR + its share of the popcount tree) ~ 1 LUT, a u8 lane (+/- byte into the adder
 * tree) ~ 9 LUTs, per PE an accumulator adder and a comparator of the accumulator width, ROMs at
 * 64 bits per LUT (distributed RAM), and the registers the engine declares as FFs: input buffer,
 * accumulators, adder-tree pipeline registers, packing register, the link FIFO's two entries, and
 * counters and control bits. A convolution adds its sliding window and output map
 * ({@link #convolution}); its max-pools ~ 1 LUT per pooled bit per 3 more window inputs.
 */
public final class CostModel {
  private CostModel() {}

  /** The estimate for one engine. */
  public record Cost(long romBits, long luts, long flipFlops) {}

  public static Cost of(Engine e, Fold f) {
    return of(e, f, FoldingPlan.DEFAULT_LEVELS_PER_STAGE);
  }

  /** The estimate for one engine whose adder trees have a register every {@code levelsPerStage} levels. */
  public static Cost of(Engine e, Fold f, int levelsPerStage) {
    long nf = PerformanceModel.neuronFolds(e, f);
    long sf = PerformanceModel.inputFolds(e, f);
    int acc = Widths.accumulatorWidth(e);
    long weightBits = (long) f.pe() * f.simd() * nf * sf;
    long paramBits = (long) f.pe() * nf * (e.isScores() ? acc : acc + 1);
    long romBits = weightBits + paramBits;
    long laneLuts = e.inputKind() == InputKind.U8 ? 9 : 1;
    long luts = (long) f.pe() * (f.simd() * laneLuts + 2L * acc) + (romBits + 63) / 64 + 16;
    int lane = Widths.laneWidth(e);
    long stages = PerformanceModel.pipelineStages(f, levelsPerStage);
    long flipFlops = sf * f.simd() * e.inputKind().bitsPerElement() + (long) f.pe() * acc
        + f.pe() * AdderTree.of(e, f).registerBits(levelsPerStage) + stages * 8
        + (nf - 1) * f.pe() * lane + (long) Widths.LINK_DEPTH * e.linkSize() * lane + 3L * 20 + 2;
    Cost conv = convolution(e, f, levelsPerStage);
    return new Cost(romBits, luts + conv.luts(), flipFlops + conv.flipFlops());
  }

  /**
   * The extra of a convolution engine (zero for the others): the frame buffer (one FF per bit of
   * the padded map, and ~1 LUT per bit for its hold / shift-by-a-pixel / shift-by-a-row / load
   * choice), ~1 LUT per input-buffer bit for loading the next window, the output map register
   * ((pixels - 1) x output channels FFs), two pixel counters, and the max-pools' OR gates.
   */
  static Cost convolution(Engine e, Fold f, int levelsPerStage) {
    if (!e.isConv()) {
      return new Cost(0, 0, 0);
    }
    var shape = new EngineShape(e, f, levelsPerStage);
    var window = new SlidingWindow(shape);
    long frame = window.slides() ? window.frameBits() : 0;
    long luts = frame + shape.bufferWidth();
    long flipFlops = frame + (long) (e.pixels() - 1) * e.outputs() + 2L * 10;
    int height = e.conv().outHeight();
    int width = e.conv().outWidth();
    for (int size : e.pools()) {
      height /= size;
      width /= size;
      luts += (long) height * width * e.outputs() * ((size * size + 1) / 3);
    }
    return new Cost(0, luts, flipFlops);
  }
}
