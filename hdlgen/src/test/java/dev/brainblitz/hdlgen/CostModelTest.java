package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.hdlgen.CostModel.Fabric;
import dev.brainblitz.ir.InputKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cost model's terms, counted by hand from the RTL the lowering writes, and its block RAM
 * counts, which must equal Yosys's (checked against synthesis in the fpga module's
 * CostCalibrationTest).
 */
class CostModelTest {
  /** tiny's fc1 (5 bipolar inputs, 3 neurons, PE 1, SIMD 1): the registers of tiny_fc1 in the golden Verilog. */
  @Test
  void tinyHiddenEngineTermsAreThoseOfItsRtl() {
    var fc1 = new Engine("fc1", 0, InputKind.BIPOLAR, 5, 3, false);
    CostModel.Terms t = CostModel.engine(fc1, new Fold(1, 1), 4, WeightStorage.LUT, Fabric.ICE40);
    assertEquals(1, t.bipolarLanes(), "one XNOR");
    assertEquals(0, t.byteLanes());
    assertEquals(0, t.adderBits(), "SIMD 1: no adder tree");
    assertEquals(4, t.accumulatorBits(), "acc0 [3:0]: thresholds of 5 bipolar inputs in -6..6");
    assertEquals(4, t.tailBits());
    assertEquals(1 + 5, t.romLuts(), "15 x 1 weight ROM in one LUT4 (one leaf, no multiplexer), the 3-word thr0 (4 bits) and le0 tables in 5");
    assertEquals(5, t.rotateBits(), "xbuf [4:0], rotated by a bit per issue");
    assertEquals(0, t.bufferBits(), "no convolution");
    assertEquals(2, t.packBits(), "pack [1:0]");
    assertEquals(0, t.streamBits(), "no link inside an engine");
    assertEquals(4 + 3 + 2, t.counterBits(), "addr [3:0], sf [2:0], nf [1:0]");
    assertEquals(0, t.ramLanes() + t.byteRamLanes(), "weights in a LUT ROM");
    assertEquals(1 + 5 + 1 + 3 + 2 + 4 + 2, t.registerBits(),
        "busy, xbuf, the weight ROM's 1-bit output register instead of addr, sf, nf, acc0, pack");
    assertEquals(5, t.tableBits(), "thr0 and le0 read by t_nf");
    assertEquals(0, t.blockRams());
    assertEquals(15 + 3 * 5, t.romBits());
    assertEquals(0, t.argmaxBits());
    assertEquals(1, t.units());
  }

  @Test
  void aU8EngineComplementsItsSliceOnceForAllPes() {
    var fc1 = new Engine("fc1", 0, InputKind.U8, 12, 6, false);
    CostModel.Terms t = CostModel.engine(fc1, new Fold(2, 3), 4, WeightStorage.LUT, Fabric.XILINX);
    assertEquals(6, t.byteLanes(), "PE 2 x SIMD 3");
    assertEquals(8 * 3, t.byteSliceBits(), "the slice's 3 bytes, inverted once, whatever the PE");
    assertEquals(0, t.windowBits() + t.lineBits() + t.poolBits(), "no convolution");
    var bipolar = new Engine("fc2", 1, InputKind.BIPOLAR, 12, 6, false);
    assertEquals(0, CostModel.engine(bipolar, new Fold(2, 3), 4, WeightStorage.LUT, Fabric.XILINX).byteSliceBits());
  }

  @Test
  void aConstantWeightLeavesNoXnorAndNoRom() {
    var fc1 = new Engine("fc1", 0, InputKind.BIPOLAR, 5, 3, false);
    CostModel.Terms t = CostModel.engine(fc1, new Fold(3, 5), 4, WeightStorage.BRAM, Fabric.XILINX);
    assertEquals(0, t.bipolarLanes());
    assertEquals(0, t.romLuts());
    assertEquals(0, t.blockRams(), "a one-word memory is a constant in every style");
    assertEquals(0, t.ramLanes(), "nothing read from a block RAM");
  }

  /** 64 inputs, 16 neurons at PE 2 x SIMD 8: 64 words of 16 lanes, from block RAM or a LUT ROM. */
  @Test
  void lanesReadFromBlockRamAreCountedApartFromLutRomLanes() {
    var bipolar = new Engine("fc1", 0, InputKind.BIPOLAR, 64, 16, false);
    CostModel.Terms ram = CostModel.engine(bipolar, new Fold(2, 8), 4, WeightStorage.BRAM, Fabric.ICE40);
    assertEquals(16, ram.bipolarLanes());
    assertEquals(16, ram.ramLanes());
    assertEquals(0, ram.byteRamLanes());
    assertEquals(0, CostModel.engine(bipolar, new Fold(2, 8), 4, WeightStorage.LUT, Fabric.ICE40).ramLanes());
    var u8 = new Engine("fc1", 0, InputKind.U8, 64, 16, false);
    CostModel.Terms bytes = CostModel.engine(u8, new Fold(2, 8), 4, WeightStorage.BRAM, Fabric.ICE40);
    assertEquals(16, bytes.byteRamLanes());
    assertEquals(0, bytes.ramLanes());
    assertEquals(6 + 3 + 3, bytes.counterBits(), "addr [5:0] over 64 words, sf over 8 folds, nf over 8");
  }

  /** The argmax over 2 classes of 4-bit scores (tiny): one compare, one stage of v1, scores1 and i1_0. */
  @Test
  void argmaxTerms() {
    CostModel.Terms t = CostModel.argmax(2, 4, false);
    assertEquals(4 + 1, t.argmaxBits(), "a 4-bit compare, a 1-bit class select");
    assertEquals(1 + 8 + 1 * (4 + 1), t.registerBits(), "v1, scores1 and the node's score and class");
  }

  /** 10 classes of 10-bit scores (fashion-mlp): 4 stages of 5, 3, 2 and 1 nodes; the scores once or per stage. */
  @Test
  void anArgmaxThatHoldsOneBeatKeepsTheScoresOnce() {
    long nodes = 5 * (10 + 4) + 3 * (10 + 4) + 2 * (10 + 4) + (10 + 4);
    assertEquals(4 + 100 + nodes, CostModel.argmax(10, 10, true).registerBits());
    assertEquals(4 + 4 * 100 + nodes, CostModel.argmax(10, 10, false).registerBits());
  }

  @Test
  void lutRomsAreTreesOf16WordLeaves() {
    assertEquals(0, CostModel.romLuts(1, 64, Fabric.ICE40), "a one-word memory is a constant");
    assertEquals(3, CostModel.romLuts(16, 3, Fabric.ICE40), "one LUT4 leaf per bit");
    assertEquals(2 * 7, CostModel.romLuts(64, 2, Fabric.ICE40), "4 leaves and 3 multiplexers per bit");
    assertEquals(2 * 15, CostModel.romLuts(126, 2, Fabric.ICE40), "8 leaves (the last one partly used) and 7 multiplexers per bit");
    assertEquals(3, CostModel.romLuts(16, 3, Fabric.XILINX));
    assertEquals(2 * 4, CostModel.romLuts(64, 2, Fabric.XILINX), "4 LUT6 leaves per bit, MUXF7/MUXF8 join them");
  }

  @Test
  void blockRamCountsFollowThePrimitivesAspectRatios() {
    // SB_RAM40_4K: 256x16, 512x8, 1024x4, 2048x2
    assertEquals(49, CostModel.blockRams(1024, 196, Fabric.ICE40), "1024 x 4 per block, 49 side by side");
    assertEquals(16, CostModel.blockRams(1024, 64, Fabric.ICE40));
    assertEquals(1, CostModel.blockRams(860, 3, Fabric.ICE40));
    assertEquals(1, CostModel.blockRams(256, 16, Fabric.ICE40));
    assertEquals(2, CostModel.blockRams(257, 16, Fabric.ICE40), "two 512 x 8");
    assertEquals(4, CostModel.blockRams(2048, 8, Fabric.ICE40));
    // RAMB18 units: RAMB18 up to 512x36, RAMB36 (two units) up to 512x72
    assertEquals(1, CostModel.blockRams(512, 36, Fabric.XILINX));
    assertEquals(2, CostModel.blockRams(512, 72, Fabric.XILINX));
    assertEquals(1, CostModel.blockRams(16384, 1, Fabric.XILINX));
    // read-only memories as memory_libmap costs them (synth_xilinx of fashion-cnn: 55 RAMB18 and one RAMB36)
    assertEquals(47, CostModel.blockRams(12544, 64, Fabric.XILINX), "13 ranges of 1024 x 18 share 47 RAMB18");
    assertEquals(2, CostModel.blockRams(506, 39, Fabric.XILINX), "one RAMB36 (257) is cheaper than two RAMB18 (258)");
    assertEquals(3, CostModel.blockRams(507, 75, Fabric.XILINX), "three RAMB18 of 512 x 36 (387), not two RAMB36 (514)");
    assertEquals(50, CostModel.blockRams(12544, 64, Fabric.XILINX, true), "written: the fewest blocks (25 RAMB36)");
  }

  @Test
  void theDesignIsTheSumOfItsUnits() {
    var fc1 = new Engine("fc1", 0, InputKind.U8, 20, 8, false);
    var out = new Engine("out", 1, InputKind.BIPOLAR, 8, 3, true, 7);
    var plan = new FoldingPlan(List.of(fc1, out), List.of(new Fold(2, 4), new Fold(1, 8)));
    for (Fabric fabric : Fabric.values()) {
      CostModel.Terms sum = CostModel.engine(fc1, plan.fold(0), 4, plan.weightStorage(0), fabric)
          .plus(CostModel.link(8, 1))
          .plus(CostModel.engine(out, plan.fold(1), 4, plan.weightStorage(1), fabric))
          .plus(CostModel.argmax(3, 7, true))
          .plus(CostModel.link(2 + 3 * 7, 1));
      // one-entry links (both engines take 20 and 3 cycles a vector): their entry bits, and a flag
      assertEquals(new CostModel.Terms(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 1, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
          CostModel.link(8, 1));
      assertEquals(sum, CostModel.terms(plan, fabric));
      assertEquals(sum.cost(fabric), CostModel.of(plan, fabric));
    }
  }
}
