package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled fashion-mlp (784-256-256-10, 8-bit input, 268,800 weight bits) on the iCEBreaker with
 * its weights in the UP5K's SPRAM, as README's command builds it ({@code --board icebreaker --weights
 * spram --target-cycles 16384}): synthesized, placed and routed by nextpnr-ice40, the 12 MHz clock
 * met, and a bitstream written. nextpnr-ice40 0.4's placer stalled on this design until the links
 * between its engines became one-entry FIFOs (docs/fpga.md, "Weights in SPRAM").
 */
class FashionMlpUp5kPlaceRouteTest {
  @Test
  void placesAndRoutesOnTheIcebreakerWithSpramWeights() throws Exception {
    FpgaTesting.assumeIce40Tools("fashionMlpOnTheIcebreaker");
    Network network = FpgaTesting.example("fashion-mlp");
    FoldingPlan plan = FoldingPlan.of(network, List.of(), 16_384L).withWeights(WeightStorage.SPRAM)
        .withLines(LineStorage.AUTO).withPort(InputPort.STREAM);
    assertEquals(16_399, plan.initiationInterval(), "the II docs/fpga.md gives");
    FpgaOutcome outcome = FpgaTesting.assertPlacesOnTheIcebreaker(network, plan);
    var placed = outcome.placeRoute().orElseThrow();
    assertTrue(placed.used("ICESTORM_LC") < 0.80 * 5280, "logic cells " + placed.used("ICESTORM_LC"));
    assertEquals(3, placed.used("ICESTORM_SPRAM"), "one 16-bit column each for fc1 (13-bit words), fc2 and the scores");
  }
}
