package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame-buffer bits the cost model prices ({@link SlidingWindow#keptBits}), counted by hand on
 * calibration designs; on the first two Yosys 0.23 kept as many flip-flops as counted here
 * (bench/fpga/calibration/README.md, "Seventh calibration").
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
    // three signals for pixels 2..67: from the port, and both shifts land inside the buffer
    assertEquals(new SlidingWindow.KeptBits(78 * 11, 66 * 11), window.keptBits());
  }

  @Test
  void padPixelsThatOnlyEverHoldPadsAreConstants() {
    // conv8's conv2: a 4x1x9 map, 4x4 stride 1, same: padded to 7x4 (one pad row and column
    // before), 4 output pixels in one column, so only the row's shift (4 pixels). The port fills
    // pixels 5, 9, 13 and 17; pixel 1 takes them by shifts but feeds no window. Yosys kept 36 of 252.
    SlidingWindow window = secondConvolution(8);
    assertEquals(252, window.frameBits());
    // one shift only (a row's): a choice of two signals, no three-way bit
    assertEquals(new SlidingWindow.KeptBits(4 * 9, 0), window.keptBits());
  }

  @Test
  void aPadOfOneIsNotAConstantWhereZerosAreShiftedIn() {
    // conv1's conv2: a 1x8x32 map, 2x2 stride 1, same, padded with +1 (bit 1) after the map to 2x9:
    // pixels 0..7 from the port, 8 (a pad column) and 9..17 (a pad row) pads. One output row, so
    // only the pixel's shift (1 pixel). Pixel 17 holds 1 after a load and the zeros shifted in after
    // a shift: not a constant, and 16..8 take its values by shifts; each of those pixels' 32 bits
    // take the same values (one bit counted per pixel). Pixel 0 feeds no window: 7 port pixels of 32
    // bits and 10 pad pixels (Yosys kept 266 flip-flops: 224 + 42).
    SlidingWindow window = secondConvolution(1);
    assertEquals(576, window.frameBits());
    assertEquals(new SlidingWindow.KeptBits(7 * 32 + 10, 0), window.keptBits());
  }
}
