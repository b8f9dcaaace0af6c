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
  /** The window of engine {@code engine} (named {@code name}) of the calibration's conv network {@code seed}. */
  private static SlidingWindow window(long seed, int engine, String name) {
    var network = RandomNetworks.convNetwork(seed);
    FoldingPlan plan = FoldingPlan.of(network, List.of(), null).withWindow(ConvWindow.FRAME).withLines(LineStorage.REG);
    assertEquals(name, plan.engines().get(engine).name());
    return new SlidingWindow(EngineShape.of(plan, engine));
  }

  @Test
  void aValidConvolutionKeepsAllButThePixelsNoShiftReads() {
    // conv16's conv2: an 8x10x11 map, 2x2 stride 2, valid: 80 pixels, a pixel's shift 2, a row's 12
    // (2 * 10 - 4 * 2). Pixels 0 and 1 feed no window (the window reads the shifted buffer); Yosys
    // kept 858 flip-flops of the 880.
    SlidingWindow window = window(16, 1, "conv2");
    assertEquals(880, window.frameBits());
    // three signals for pixels 2..67: from the port, and both shifts land inside the buffer
    assertEquals(new SlidingWindow.KeptBits(78 * 11, 66 * 11), window.keptBits());
  }

  @Test
  void padPixelsOfZeroAreConstants() {
    // conv8's conv2: a 4x1x9 map, 4x4 stride 1, same: padded to 7x4 (one pad row and column
    // before), 4 output pixels in one column, so only the row's shift (4 pixels). The port fills
    // pixels 5, 9, 13 and 17; pixel 1 takes them by shifts but feeds no window. Yosys kept 36 of 252.
    SlidingWindow window = window(8, 1, "conv2");
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
    // bits and 10 pad pixels (Yosys kept 266 flip-flops under the buffer's name: the one-bit rule
    // for pad pixels is a count, not a measurement).
    SlidingWindow window = window(1, 1, "conv2");
    assertEquals(576, window.frameBits());
    assertEquals(new SlidingWindow.KeptBits(7 * 32 + 10, 0), window.keptBits());
  }

  @Test
  void threeWayBitsTakeShiftedPadsOfOneAsSignals() {
    // conv3's conv1 (the golden report's network): a 10x6x1 map, 2x2 stride 1, same, padded with +1
    // after it to 11x7, 77 one-bit pixels; shifts of 1 pixel and, from a row's last window to the
    // next row's first, 7 - 5 = 2. Every pixel but 0 is read and none is a constant: 76 bits. The 60
    // port pixels but pixel 0 choose among three signals; at pixel 68 (row 9, column 5) both
    // sources, pixels 69 and 70, are pads of 1 that take zeros by shifts, signals all the same.
    SlidingWindow window = window(3, 0, "conv1");
    assertEquals(77, window.frameBits());
    assertEquals(new SlidingWindow.KeptBits(76, 59), window.keptBits());
  }
}
