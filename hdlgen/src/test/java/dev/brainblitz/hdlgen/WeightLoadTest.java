package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The weight-load stream of SPRAM weights ({@link WeightLoad}), its ports, and the SPRAM depth limit (HDL006). */
class WeightLoadTest {
  static final Network NET = RandomNetworks.mlp("load", new Random(3), InputKind.BIPOLAR, new int[] {20, 6, 3}, true);

  /**
   * fc1 folded 2,12 (24-bit words: two columns, 3 x 2 = 6 words), the scores 1,6 (one 6-bit column,
   * 3 words): 6 x 2 + 3 = 15 words in the documented order, checked bit by bit against the weights.
   */
  @Test
  void theStreamIsEngineByEngineWordByWordColumnByColumn() {
    FoldingPlan plan = FoldingPlan.of(NET, List.of("fc1=2,12", "out=1,6"), null).withWeights(WeightStorage.SPRAM);
    assertTrue(WeightLoad.needed(plan));
    assertEquals(12, WeightLoad.words(plan, 0));
    assertEquals(3, WeightLoad.words(plan, 1));
    assertEquals(3, WeightLoad.blocks(plan));
    List<Integer> stream = WeightLoad.stream(NET, plan);
    assertEquals(15, stream.size());
    BitMatrix fc1 = Engine.weights(NET, plan.engines().get(0));
    BitMatrix out = Engine.weights(NET, plan.engines().get(1));
    int k = 0;
    for (int nf = 0; nf < 3; nf++) {
      for (int sf = 0; sf < 2; sf++) {
        long word = 0;
        for (int p = 0; p < 2; p++) {
          for (int i = 0; i < 12; i++) {
            int column = sf * 12 + i;
            boolean one = column >= 20 || fc1.get(nf * 2 + p, column);
            word |= one ? 1L << (p * 12 + i) : 0;
          }
        }
        assertEquals((int) (word & 0xffff), (int) stream.get(k++), "fc1 word " + (nf * 2 + sf) + " column 0");
        assertEquals((int) (word >>> 16), (int) stream.get(k++), "fc1 word " + (nf * 2 + sf) + " column 1");
      }
    }
    for (int nf = 0; nf < 3; nf++) {
      int word = 0;
      for (int i = 0; i < 6; i++) {
        word |= out.get(nf, i) ? 1 << i : 0;
      }
      assertEquals(word, stream.get(k++), "out word " + nf);
    }
  }

  @Test
  void onlySpramDesignsHaveTheLoadPort() {
    FoldingPlan plan = FoldingPlan.of(NET, List.of("fc1=2,12", "out=1,6"), null);
    assertFalse(WeightLoad.needed(plan.withWeights(WeightStorage.BRAM)));
    assertEquals(List.of(), WeightLoad.stream(NET, plan.withWeights(WeightStorage.LUT)));
    String spram = VerilogDesign.of(NET, plan.withWeights(WeightStorage.SPRAM)).verilog();
    assertTrue(spram.contains("input wire [15:0] wl_data,") && spram.contains("output wire wl_ready"), spram);
    assertTrue(spram.contains("(* ram_style = \"huge\" *)"));
    assertFalse(VerilogDesign.of(NET, plan.withWeights(WeightStorage.BRAM)).verilog().contains("wl_data"));
    FoldingPlan constant = FoldingPlan.of(NET, List.of("fc1=6,20", "out=3,6"), null).withWeights(WeightStorage.SPRAM);
    assertFalse(WeightLoad.needed(constant), "one-word memories are constants in every style");
  }

  @Test
  void aMemoryDeeperThanOneSpramIsRefused() {
    Network wide = RandomNetworks.mlp("deep", new Random(4), InputKind.BIPOLAR, new int[] {200, 100, 2}, true);
    var e = assertThrows(DiagnosticException.class,
        () -> FoldingPlan.of(wide, List.of("fc1=1,1", "out=1,1"), null).withWeights(WeightStorage.SPRAM));
    assertEquals(ErrorCode.SPRAM_DEPTH, e.diagnostics().get(0).code());
    String message = e.diagnostics().get(0).message();
    assertTrue(message.contains("20000 words") && message.contains("16384"), message);
    FoldingPlan.of(wide, List.of("fc1=2,1", "out=1,1"), null).withWeights(WeightStorage.SPRAM);
  }

  /**
   * {@code --weights fc1=spram}: only fc1 in SPRAM (its words alone on the load port), the scores as
   * the plan's own style says; the depth limit applies to the named layer only; a name that is no
   * layer is refused with the model's layers.
   */
  @Test
  void oneLayerCanKeepItsWeightsInSpram() {
    FoldingPlan plan = FoldingPlan.of(NET, List.of("fc1=2,12", "out=1,6"), null).withWeights(WeightStorage.BRAM)
        .withLayerWeights(java.util.Map.of("fc1", WeightStorage.SPRAM));
    assertEquals(WeightStorage.SPRAM, plan.weightStorage(0));
    assertEquals(WeightStorage.BRAM, plan.weightStorage(1));
    assertEquals(12, WeightLoad.words(plan, 0));
    assertEquals(0, WeightLoad.words(plan, 1));
    assertEquals(12, WeightLoad.stream(NET, plan).size());
    assertEquals(WeightLoad.stream(NET, plan.withWeights(WeightStorage.SPRAM)).subList(0, 12), WeightLoad.stream(NET, plan));
    assertEquals(WeightStorage.SPRAM, plan.withWeights(WeightStorage.LUT).weightStorage(0), "withWeights keeps the named layers");

    Network wide = RandomNetworks.mlp("deep", new Random(4), InputKind.BIPOLAR, new int[] {200, 100, 2}, true);
    FoldingPlan deep = FoldingPlan.of(wide, List.of("fc1=1,1", "out=1,1"), null);
    deep.withWeights(WeightStorage.BRAM).withLayerWeights(java.util.Map.of("out", WeightStorage.SPRAM));
    var e = assertThrows(DiagnosticException.class,
        () -> deep.withLayerWeights(java.util.Map.of("fc1", WeightStorage.SPRAM)));
    assertEquals(ErrorCode.SPRAM_DEPTH, e.diagnostics().get(0).code());
    assertTrue(e.diagnostics().get(0).message().startsWith("--weights fc1=spram: fc1=1,1 needs a weight memory of 20000"),
        e.diagnostics().get(0).message());
    var unknown = assertThrows(DiagnosticException.class,
        () -> deep.withLayerWeights(java.util.Map.of("fc9", WeightStorage.SPRAM)));
    assertEquals("--weights fc9=spram names no layer of the model; its layers are fc1, out",
        unknown.diagnostics().get(0).message());
  }
}
