package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame-buffer bits the cost model prices ({@link SlidingWindow#liveBits},
 * {@link SlidingWindow#threeWayBits}), counted by hand on two calibration designs whose buffers
 * Yosys 0.23 kept as many flip-flops as counted here (docs/hdl.md, "Resource estimates").
 */
class FrameBufferBitsTest {
  private static SlidingWindow secondConvolution(long seed) {
    var network = RandomNetworks.convNetwork(seed);
    FoldingPlan plan = FoldingPlan.of(network, List.of(), null).withWindow(ConvWindow.FRAME).withLines(LineStorage.REG);
    assertEquals("conv2", plan.engines().get(1).name());
    return new SlidingWindow(EngineShape.of(plan, 1));
  }

  @Test
  void aValidConvolutionKeepsAllButThePixelsNoShiftReads() {
    // conv16's conv2: an 8x10x11 map, 2x2 stride 2, valid: 80 pixels, a pixel's shift 2, a row's 12
    // (2 * 10 - 4 * 2). Pixels 0 and 1 feed no window (the window reads the shifted buffer); Yosys
    // kept 858 flip-flops of the 880.
    SlidingWindow window = secondConvolution(16);
    assertEquals(880, window.frameBits());
    assertEquals(78 * 11, window.liveBits());
    // three signals for pixels 2..67: from the port, and both shifts land inside the buffer
    assertEquals(66 * 11, window.threeWayBits());
  }

  @Test
  void padPixelsThatOnlyEverHoldPadsAreConstants() {
    // conv8's conv2: a 4x1x9 map, 4x4 stride 1, same: padded to 7x4 (one pad row and column
    // before), 4 output pixels in one column, so only the row's shift (4 pixels). The port fills
    // pixels 5, 9, 13 and 17; pixel 1 takes them by shifts but feeds no window. Yosys kept 36 of 252.
    SlidingWindow window = secondConvolution(8);
    assertEquals(252, window.frameBits());
    assertEquals(4 * 9, window.liveBits());
    assertEquals(0, window.threeWayBits(), "one shift only: a choice of two signals");
  }
}
