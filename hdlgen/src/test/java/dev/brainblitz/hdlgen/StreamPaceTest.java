package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamTiming#pace}: how a stream port's first layer keeps up with beats that arrive at a
 * fixed pace (the board's UART). The board simulation checks the model against Verilator (fpga's
 * UartPaceTest); here its figures for fashion-cnn-up5k and its fast-forward.
 */
class StreamPaceTest {

  /**
   * fashion-cnn-up5k at its iCEBreaker folding: conv1 (12 channels, 9 taps each, one at a time)
   * takes 108 cycles a window, and at the end of a row the last pixel's window and the right
   * border's follow each other, so a byte every 217 cycles is the fastest pace it keeps (one cycle
   * faster, the first pixel of row 2, after the first row of windows, waits); the
   * board's 1,040 cycles (115,200 baud at 12 MHz) leave it idle most of the time.
   */
  @Test
  void fashionCnnUp5kKeepsUpWithTheBoardsUart() {
    Network cnn = RtlTesting.example("fashion-cnn-up5k");
    FoldingPlan plan = FoldingPlan.of(cnn, List.of("conv1=1,1", "conv2=1,12", "conv3=1,12", "conv4=1,24", "fc1=1,24",
        "out=1,1"), null).withWindow(ConvWindow.LINE).withPort(InputPort.STREAM).withLines(LineStorage.BRAM);
    assertTrue(StreamTiming.pace(plan, 1040).keepsUp());
    assertEquals(217, StreamTiming.shortestInterval(plan, 100_000));
    StreamTiming.Pace fast = StreamTiming.pace(plan, 216);
    assertFalse(fast.keepsUp());
    assertEquals(28, fast.imageWidth());
    assertEquals(2, fast.lateRow());
    assertEquals(0, fast.lateColumn());
  }

  /** Random conv networks whose first layer takes 8-bit pixels: the same pace with and without fast-forward. */
  @Test
  void fastForwardGivesThePaceOfTheCycleByCycleModel() {
    int checked = 0;
    for (int seed = 0; seed < 200 && checked < 20; seed++) {
      Network network = RandomNetworks.convNetwork(seed);
      var nodes = network.model().nodes();
      if (((Node.Input) nodes.get(0)).kind() != InputKind.U8 || ((Node.Conv2d) nodes.get(1)).image().channels() != 1) {
        continue;
      }
      FoldingPlan plan = RtlRandomNetworksTest.randomPlan(new Random(seed), network).withWindow(ConvWindow.LINE)
          .withPort(InputPort.STREAM);
      long shortest = StreamTiming.shortestInterval(plan, 1 << 20);
      for (long interval : new long[] {Math.max(1, shortest - 1), shortest, 2 * shortest + 7}) {
        assertEquals(StreamTiming.pace(plan, interval, false), StreamTiming.pace(plan, interval, true),
            network.name() + " folded " + plan.folds() + " at " + interval);
      }
      checked++;
    }
    assertTrue(checked == 20, "networks checked: " + checked);
  }
}
