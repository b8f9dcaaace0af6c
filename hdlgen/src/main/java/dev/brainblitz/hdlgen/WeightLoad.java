package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The weight-load stream of a design whose engines keep their weights in SPRAM
 * ({@link WeightStorage#SPRAM}): the one definition of its layout, used by the Verilog
 * ({@link SpramMemory}, {@link TopModule}), the Verilator harness, the tests and any host tool.
 *
 * <p>The stream is a sequence of {@value #WORD_BITS}-bit words: engine by engine in stream order
 * (only the engines in SPRAM), within an engine word by word of its weight memory
 * ({@link WeightLayout}: address 0 first), and within a memory word of W bits its
 * {@link #chunks chunks} of 16 bits, lowest first (chunk j = bits [16 j + 15 : 16 j], the bits
 * beyond W zero). Chunk j of every word lives in the engine's SPRAM column j.
 */
public final class WeightLoad {
  private WeightLoad() {}

  /** Bits of one load word, the width of an {@code SB_SPRAM256KA} word. */
  public static final int WORD_BITS = 16;

  /** Words of one {@code SB_SPRAM256KA} (16K x 16, 256 kbit): the deepest SPRAM weight memory. */
  public static final int SPRAM_DEPTH = 16384;

  /** Whether any engine of {@code plan} keeps its weights in SPRAM, so the top has a weight-load port. */
  public static boolean needed(FoldingPlan plan) {
    for (int i = 0; i < plan.engines().size(); i++) {
      if (plan.weightStorage(i) == WeightStorage.SPRAM) {
        return true;
      }
    }
    return false;
  }

  /** SPRAM columns (16-bit chunks) of a memory word of {@code width} bits. */
  public static int chunks(int width) {
    return (width + WORD_BITS - 1) / WORD_BITS;
  }

  /** Load words of engine {@code i} of {@code plan}: depth x chunks, or 0 if it is not in SPRAM. */
  public static long words(FoldingPlan plan, int i) {
    if (plan.weightStorage(i) != WeightStorage.SPRAM) {
      return 0;
    }
    EngineShape shape = EngineShape.of(plan, i);
    return (long) shape.issues() * chunks(shape.weightsWidth());
  }

  /** Load words of the whole design. */
  public static long words(FoldingPlan plan) {
    long total = 0;
    for (int i = 0; i < plan.engines().size(); i++) {
      total += words(plan, i);
    }
    return total;
  }

  /** {@code SB_SPRAM256KA} blocks of the design: per SPRAM engine one per column (its depth is at most {@link #SPRAM_DEPTH}). */
  public static int blocks(FoldingPlan plan) {
    int total = 0;
    for (int i = 0; i < plan.engines().size(); i++) {
      if (plan.weightStorage(i) == WeightStorage.SPRAM) {
        total += chunks(EngineShape.of(plan, i).weightsWidth());
      }
    }
    return total;
  }

  /** The load stream of {@code network} lowered with {@code plan}, in the order above (empty without SPRAM engines). */
  public static List<Integer> stream(Network network, FoldingPlan plan) {
    var out = new ArrayList<Integer>();
    for (int i = 0; i < plan.engines().size(); i++) {
      if (plan.weightStorage(i) != WeightStorage.SPRAM) {
        continue;
      }
      EngineShape shape = EngineShape.of(plan, i);
      int chunks = chunks(shape.weightsWidth());
      for (BigInteger word : WeightLayout.words(Engine.weights(network, plan.engines().get(i)), shape)) {
        for (int j = 0; j < chunks; j++) {
          out.add(word.shiftRight(j * WORD_BITS).intValue() & 0xffff);
        }
      }
    }
    return List.copyOf(out);
  }
}
