package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import org.junit.jupiter.api.Test;

/** The module sees the IL and its shared test fixtures: the base every hdlgen test builds on. */
class HdlgenWiringTest {
  @Test
  void seesTheIlAndItsGoldenModel() {
    Network network = RandomNetworks.network(42);
    var golden = new GoldenModel(network);
    var vector = RandomNetworks.vectors(7, network, 1).get(0);
    assertEquals(network.classes(), golden.infer(vector).classes());
    assertEquals("hdlgen", HdlgenWiringTest.class.getPackageName().substring("dev.brainblitz.".length()));
  }
}
