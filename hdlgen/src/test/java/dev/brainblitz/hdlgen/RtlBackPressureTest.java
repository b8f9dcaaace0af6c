package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random stalls on in_valid and out_ready: every result arrives exactly once and in order (the
 * result list equals the golden one vector by vector), and a waveform can be dumped.
 */
class RtlBackPressureTest {
  @Test
  void randomStallsLoseAndDuplicateNothing() {
    RtlTesting.assumeVerilator();
    for (String rates : new String[] {"0.3", "0.7", "in=0.05,out=0.6", "in=0.6"}) {
      Network tiny = RtlTesting.example("tiny");
      FoldingPlan fast = FoldingPlan.forTarget(tiny, 1);
      var vectors = RandomNetworks.vectors(5, tiny, 200);
      var m = RtlTesting.assertBitExact(tiny, fast, vectors, RtlTesting.options(RtlTesting.rtlOptions(fast)
          .withStalls(StallRates.parse(rates), 9)));
      assertTrue(m.cycles() > vectors.size() * 11 / 10, "stalls " + rates + " slow the fully parallel pipeline down: " + m);
    }
    for (long seed = 0; seed < 3; seed++) {
      Network net = RandomNetworks.network(500 + seed);
      // A register after every adder level: the deepest pipelines hold under back-pressure too.
      FoldingPlan plan = RtlRandomNetworksTest.randomPlan(new Random(seed), net).withLevelsPerStage(1);
      var vectors = RandomNetworks.vectors(seed, net, 60);
      RtlTesting.assertBitExact(net, plan, vectors, RtlTesting.options(RtlTesting.rtlOptions(plan)
          .withStalls(new StallRates(0.5, 0.5), seed)));
    }
  }

  @Test
  void vcdDumpsAWaveform() throws Exception {
    RtlTesting.assumeVerilator();
    Network tiny = RtlTesting.example("tiny");
    FoldingPlan plan = FoldingPlan.of(tiny, List.of("fc1=1,2", "out=2,3"), null);
    var vcd = RtlTesting.WORK.resolve("tiny.vcd");
    RtlTesting.assertBitExact(tiny, plan, RandomNetworks.vectors(1, tiny, 4),
        RtlTesting.options(RtlTesting.rtlOptions(plan).withVcd(vcd)));
    String text = java.nio.file.Files.readString(vcd);
    assertTrue(text.contains("$enddefinitions") && text.contains("out_valid"), "a VCD with the top's signals");
    assertEquals(true, text.length() > 1000);
  }
}
