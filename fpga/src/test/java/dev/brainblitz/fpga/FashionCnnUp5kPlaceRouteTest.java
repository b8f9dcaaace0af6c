package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.ir.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled CNN for the UP5K ({@code fashion-cnn-up5k}) on the iCEBreaker at the folding README
 * and docs/fpga.md give: synthesized, placed and routed, the 12 MHz oscillator's clock met, and a
 * bitstream written; its block RAMs are the ones the estimate counts.
 */
class FashionCnnUp5kPlaceRouteTest {
  /** The folding of README's command, as {@code --fold} values. */
  static final List<String> FOLDS = List.of("conv1=1,1", "conv2=1,12", "conv3=1,12", "conv4=1,24", "fc1=1,24", "out=1,1");

  static FoldingPlan plan(Network network) {
    return FoldingPlan.of(network, FOLDS, null).withWindow(ConvWindow.LINE).withPort(InputPort.STREAM)
        .withLines(LineStorage.BRAM);
  }

  @Test
  void placesAndRoutesOnTheIcebreakerAndMeetsItsClock() throws Exception {
    FpgaTesting.assumeIce40Tools("fashionCnnUp5kOnTheIcebreaker");
    Network network = FpgaTesting.example("fashion-cnn-up5k");
    FoldingPlan plan = plan(network);
    assertEquals(87_847, plan.initiationInterval(), "the II docs/fpga.md gives");
    FpgaOutcome outcome = FpgaTesting.assertPlacesOnTheIcebreaker(network, plan);
    assertEquals(dev.brainblitz.hdlgen.CostModel.of(plan, dev.brainblitz.hdlgen.CostModel.Fabric.ICE40).blockRams(),
        outcome.engine().blockRams(), "block RAMs as counted");
    var placed = outcome.placeRoute().orElseThrow();
    assertTrue(placed.used("ICESTORM_LC") < 0.85 * 5280, "logic cells " + placed.used("ICESTORM_LC"));
  }
}
