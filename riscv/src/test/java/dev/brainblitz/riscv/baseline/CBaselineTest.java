package dev.brainblitz.riscv.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated half of the C baseline; its behaviour is proven by sim's CBaselineTest (GCC + simulator). */
class CBaselineTest {
  static Network example(String name) {
    return ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/" + name + ".bil"));
  }

  /** Regenerate with -Dblitz.updateGolden=true and review the diff. */
  @Test
  void tinyMatchesGoldenFiles() {
    Network tiny = example("tiny");
    // Three vectors: the weight rows of fc1.
    List<InputVector> vectors = List.of(InputVector.fromPackedWords(5, new int[] {0x15}),
        InputVector.fromPackedWords(5, new int[] {0x0a}), InputVector.fromPackedWords(5, new int[] {0x1f}));
    GoldenFiles.assertMatches("riscv/src/test/resources/golden/c-baseline/tiny/network.c", CBaseline.networkSource(tiny));
    GoldenFiles.assertMatches("riscv/src/test/resources/golden/c-baseline/tiny/vectors.h",
        CBaseline.vectorsHeader(tiny, vectors));
  }

  /** A small conv network (u8 image, conv2d, maxpool, conv2d, flatten): the calls carry the geometry. */
  @Test
  void convNetworkMatchesItsGoldenFile() {
    String source = CBaseline.networkSource(RandomNetworks.convNetwork(8));
    GoldenFiles.assertMatches("riscv/src/test/resources/golden/c-baseline/conv8/network.c", source);
    assertTrue(source.contains("  bnn_conv_u8(input, 8, 2, 2, 1, 1, 0, 0, layer1_weights, 9, 8, 2, "), source);
    assertTrue(source.contains("  bnn_maxpool(a1, 8, 2, 9, 2, a2);"), source);
  }

  @Test
  void u8NetworkCallsTheU8LoopFirst() {
    String source = CBaseline.networkSource(example("tiny-u8"));
    assertTrue(source.contains("  bnn_dense_u8(input, "), source);
    assertTrue(source.contains("  bnn_scores_bipolar(a1, "), source);
  }

  @Test
  void bipolarInputIsThePackedWordsLittleEndian() {
    byte[] bytes = CBaseline.inputBytes(InputVector.fromPackedWords(40, new int[] {0x87654321, 0xa5}));
    assertArrayEquals(new byte[] {0x21, 0x43, 0x65, (byte) 0x87, (byte) 0xa5, 0, 0, 0}, bytes);
    Network u8 = RandomNetworks.network(3);
    assertEquals(InputKind.U8, u8.input().kind());
    InputVector v = RandomNetworks.vectors(1, u8, 1).get(0);
    assertArrayEquals(v.bytes(), CBaseline.inputBytes(v));
  }

  @Test
  void deterministic() {
    Network n = RandomNetworks.network(11);
    var vectors = RandomNetworks.vectors(2, n, 3);
    assertEquals(CBaseline.networkSource(n), CBaseline.networkSource(n));
    assertEquals(CBaseline.vectorsHeader(n, vectors), CBaseline.vectorsHeader(n, vectors));
  }
}
