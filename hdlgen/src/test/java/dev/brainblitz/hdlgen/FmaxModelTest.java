package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.hdlgen.FmaxModel.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The datapath paths of the Fmax estimate, counted by hand from tiny's RTL. */
class FmaxModelTest {
  private static FoldingPlan tiny(String fc1, String out) {
    return FoldingPlan.of(RtlTesting.example("tiny"), List.of("fc1=" + fc1, "out=" + out), null);
  }

  /**
   * tiny fully parallel: fc1 sums 5 XNORs in 3 levels of 2, 3 and 3 bits (sums of 2, 4 and 5
   * leaves) and compares with a 4-bit threshold (-6..6); out sums 3 in 2 levels of 2 bits and adds
   * its bias (4-bit scores). One issue a vector: no accumulator, one-word tables.
   */
  @Test
  void tinyFullyParallelHasOnePathPerEngine() {
    assertEquals(List.of(new Path("fc1", 3, 2 + 3 + 3, true, false, 0, false, 1, 4, 0),
        new Path("out", 2, 2 + 2, true, false, 0, false, 1, 4, 0)), FmaxModel.paths(tiny("3,5", "2,3")));
  }

  /** A register every 2 levels cuts fc1 after level 2: levels 1-2 from the leaves, level 3 into the tail. */
  @Test
  void pipelineRegistersCutThePaths() {
    assertEquals(List.of(new Path("fc1", 2, 2 + 3, true, false, 0, false, 0, 0, 0),
        new Path("fc1", 1, 3, false, false, 0, false, 1, 4, 0),
        new Path("out", 2, 2 + 2, true, false, 0, false, 1, 4, 0)), FmaxModel.paths(tiny("3,5", "2,3").withLevelsPerStage(2)));
  }

  /**
   * tiny folded to one lane: no adder tree; the weights come from LUT ROMs of 15 and 6 words (4 and
   * 3 address bits), the tail accumulates over the input folds and reads 3- and 2-word tables.
   */
  @Test
  void oneLaneReadsRomsAndAccumulates() {
    assertEquals(List.of(new Path("fc1", 0, 0, true, false, 4, false, 2, 8, 2),
        new Path("out", 0, 0, true, false, 3, false, 2, 8, 1)), FmaxModel.paths(tiny("1,1", "1,1")));
  }

  /**
   * tiny-u8 (3 bytes, 2 neurons, 2 classes) folded to one lane with its weights in block RAM: 8-bit
   * leaves into fc1, bits into out, the weights read from the RAM's register (no ROM address bits);
   * the tails accumulate and compare on 11 bits (fc1) or add the bias on 3 (out), their 2-word
   * tables LUT ROMs.
   */
  @Test
  void byteLanesAndRamWeightsAreOnTheFirstPath() {
    FoldingPlan plan = FoldingPlan.of(RtlTesting.example("tiny-u8"), List.of("fc1=1,1", "out=1,1"), null)
        .withWeights(WeightStorage.BRAM);
    List<Path> paths = FmaxModel.paths(plan);
    assertEquals(new Path("fc1", 0, 0, true, true, 0, true, 2, 2 * 11, 1), paths.get(0));
    assertEquals(new Path("out", 0, 0, true, false, 0, true, 2, 2 * 3, 1), paths.get(1));
  }

  /** The estimate: the slowest path's delay, bounded by the ceiling. */
  @Test
  void theSlowestPathSetsTheEstimate() {
    var perTerm = new java.util.ArrayList<Double>(java.util.Collections.nCopies(FmaxModel.TERMS.size(), 0.0));
    perTerm.set(FmaxModel.TERMS.indexOf("base"), 2.0);
    perTerm.set(FmaxModel.TERMS.indexOf("levels"), 6.0);
    var coefficients = new FmaxModel.Coefficients(perTerm, 100, 0.8, 1.25);
    // fc1: 2 + 3 x 6 = 20 ns, out: 2 + 2 x 6 = 14 ns
    assertEquals(50.0, FmaxModel.fmaxMhz(tiny("3,5", "2,3"), coefficients), 1e-9);
    assertEquals(62.5, FmaxModel.optimisticFmaxMhz(tiny("3,5", "2,3"), coefficients), 1e-9);
    // no levels: 2 ns a path, 500 MHz, held at the ceiling
    assertEquals(100.0, FmaxModel.fmaxMhz(tiny("1,1", "1,1"), coefficients), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> new FmaxModel.Coefficients(List.of(1.0, 2.0), 100, 1, 1));

    // twice as fast a fabric: every delay halved, the ceiling doubled, its own error range
    var faster = coefficients.fasterBy(2, 0.7, 1.3);
    assertEquals(100.0, FmaxModel.fmaxMhz(tiny("3,5", "2,3"), faster), 1e-9);
    assertEquals(130.0, FmaxModel.optimisticFmaxMhz(tiny("3,5", "2,3"), faster), 1e-9);
    assertEquals(200.0, FmaxModel.fmaxMhz(tiny("1,1", "1,1"), faster), 1e-9);
    assertEquals("0.70..1.30", faster.ratioRange());
  }
}
