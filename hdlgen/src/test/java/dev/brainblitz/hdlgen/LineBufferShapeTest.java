package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.CostModel.Fabric;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvWindow#LINE} on fashion-cnn (c32-c32-p-c64-c64-p-f256-10, 28x28 u8, 3x3 same), counted
 * by hand: which engines are fed pixels, the line buffers' (K - 1) * Wp + K pixels, the links'
 * widths, and the cost model's line-buffer registers.
 */
class LineBufferShapeTest {
  @Test
  void fashionCnnLineBuffersAndLinks() {
    var network = RtlTesting.example("fashion-cnn");
    FoldingPlan plan = FoldingPlan.forTarget(network, 6272).withWindow(ConvWindow.LINE).withLines(LineStorage.REG);
    List<Engine> engines = plan.engines();
    assertEquals(List.of("conv1", "conv2", "conv3", "conv4", "fc1", "out"), engines.stream().map(Engine::name).toList());
    assertNull(EngineShape.of(plan, 0).stream(), "the first convolution takes the whole image");
    assertTrue(EngineShape.of(plan, 0).pixelOut());
    // conv2: 28x28x32 padded to 30x30: 2 * 30 + 3 pixels of 32 bits; conv3: 14x14x32 -> 2 * 16 + 3 of 32; conv4: of 64
    assertEquals(2016, lineBits(plan, 1));
    assertEquals(1120, lineBits(plan, 2));
    assertEquals(2240, lineBits(plan, 3));
    // fc1 collects the pooled 7x7x64 map: 49 pixels
    assertEquals(3136, lineBits(plan, 4));
    assertEquals(List.of(32, 32, 64, 64, 256), List.of(TopModule.linkWidth(plan, 0), TopModule.linkWidth(plan, 1),
        TopModule.linkWidth(plan, 2), TopModule.linkWidth(plan, 3), TopModule.linkWidth(plan, 4)),
        "one pixel per beat behind a convolution, the whole vector behind fc1");
    assertNull(EngineShape.of(plan, 5).stream(), "out takes fc1's whole vector");
    // conv2's extra registers: the line buffer (its own term), pending and two 10-bit counters; its pool's row of 14 x 32 partial ORs and 4 counters
    CostModel.Terms conv2 = CostModel.stream(engines.get(1), EngineShape.of(plan, 1), Fabric.ICE40);
    assertEquals(2016, conv2.lineBits());
    assertEquals(1 + 20 + 14 * 32 + 20, conv2.registerBits());
    assertEquals(2 * 14 * 32 + 32, conv2.streamPoolBits(), "rotate or replace per row bit, the OR per channel");
    assertEquals(0, conv2.windowBits(), "no frame buffer behind a pixel link");
    long lineFlipFlops = CostModel.of(plan, Fabric.ICE40).flipFlops();
    long frameFlipFlops = CostModel.of(plan.withWindow(ConvWindow.FRAME), Fabric.ICE40).flipFlops();
    assertTrue(lineFlipFlops * 5 < frameFlipFlops, "line " + lineFlipFlops + " vs frame " + frameFlipFlops + " FFs");
  }

  /**
   * {@link LineStorage#AUTO} on the same plan: conv2's delay lines (2 x 27 pixels of 32 bits, 1,728
   * bits) and conv4's (2 x 13 of 64, 1,664) go to block RAM, conv3's (2 x 13 of 32, 832 bits) stay
   * in registers, and fc1's collector has no delay lines (its window is the whole map). In block RAM
   * the line bits are the 3 x 3 taps, and the blocks are a 27 x 64 (13 x 128) memory's: 4 (8)
   * SB_RAM40_4K of 256 x 16, 2 (4) RAMB18 of 512 x 36. At 32 issues per window conv4 stays wide: in
   * narrow words ({@link StreamWindow#narrowed}) the 35 shifts from a frame's last window to the
   * next frame's first would take 9 cycles each, 280 more waiting than wide (4.5% of its 6,272 issues).
   */
  @Test
  void fashionCnnAutoPutsTheLargeLineBuffersInBlockRam() {
    var network = RtlTesting.example("fashion-cnn");
    FoldingPlan plan = FoldingPlan.forTarget(network, 6272).withWindow(ConvWindow.LINE);
    assertEquals(List.of(false, true, false, true, false), List.of(0, 1, 2, 3, 4).stream()
        .map(i -> EngineShape.of(plan, i).stream() != null && EngineShape.of(plan, i).stream().inRam()).toList());
    List<Engine> engines = plan.engines();
    CostModel.Terms conv2 = CostModel.stream(engines.get(1), EngineShape.of(plan, 1), Fabric.ICE40);
    assertEquals(9 * 32, conv2.lineBits());
    assertEquals(4, conv2.blockRams());
    assertEquals(1 + 20 + 5 + 14 * 32 + 20, conv2.registerBits(), "pending, the counters, the 5-bit pointer, the pool");
    assertEquals(2, CostModel.stream(engines.get(1), EngineShape.of(plan, 1), Fabric.XILINX).blockRams());
    CostModel.Terms conv4 = CostModel.stream(engines.get(3), EngineShape.of(plan, 3), Fabric.ICE40);
    assertEquals(9 * 64, conv4.lineBits());
    assertEquals(8, conv4.blockRams());
    assertEquals(4, CostModel.stream(engines.get(3), EngineShape.of(plan, 3), Fabric.XILINX).blockRams());
    StreamWindow lines4 = EngineShape.of(plan, 3).stream();
    assertFalse(lines4.narrow());
    assertEquals(280, lines4.waitCycles(32, 9, false) - lines4.waitCycles(32, 1, false));
    assertEquals(0, CostModel.stream(engines.get(2), EngineShape.of(plan, 2), Fabric.ICE40).blockRams());
    FoldingPlan registers = plan.withLines(LineStorage.REG);
    // conv2's and conv4's delay lines, fc1's collector (SIMD 64 here: one 64-channel pixel per
    // slice, 2 x 64 words of 64 bits, 4 blocks), and the pooled-row queues behind conv2 and conv4
    // (14 x 32 and 7 x 64 bits, 2 and 4 blocks), which Yosys would put in block RAM anyway
    assertEquals(new Fold(2, 64), plan.fold(4));
    assertTrue(EngineShape.of(plan, 4).bufferInRam() && !EngineShape.of(registers, 4).bufferInRam());
    assertTrue(TopModule.linkInRam(plan, 1) && TopModule.linkInRam(plan, 3));
    assertFalse(TopModule.linkInRam(registers, 1) || TopModule.linkInRam(registers, 3));
    assertEquals(CostModel.of(registers, Fabric.ICE40).blockRams() + 12 + 4 + 2 + 4,
        CostModel.of(plan, Fabric.ICE40).blockRams());
    assertEquals(0, CostModel.stream(engines.get(4), EngineShape.of(plan.withLines(LineStorage.BRAM), 4), Fabric.ICE40)
        .blockRams(), "a collector has no delay lines, even when block RAM is asked for");
  }

  private static long lineBits(FoldingPlan plan, int i) {
    StreamWindow s = EngineShape.of(plan, i).stream();
    return (long) s.length() * s.pixelBits();
  }
}
