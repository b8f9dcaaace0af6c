package dev.brainblitz.train.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.engine.FastEngine;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.text.TextModelPrinter;
import dev.brainblitz.ir.text.TextModelReader;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A checkpoint exported to the IL computes what the checkpoint computes: exact scores, every input. */
class BinaryCnnToIlTest {

  @Test
  void goldenModelOfTheExportedIlEqualsBitInference() {
    int checked = 0;
    for (InputKind kind : InputKind.values()) {
      for (Padding.Mode mode : Padding.Mode.values()) {
        for (int stride = 1; stride <= 2; stride++) {
          Random random = new Random(kind.ordinal() * 100 + mode.ordinal() * 10 + stride);
          for (int net = 0; net < 8; net++) {
            BinaryCnn cnn = RandomCnns.network(random, kind, mode, stride);
            Network network = BinaryCnnToIl.network(cnn);
            // The text form carries everything: read back, it is the same model.
            assertEquals(network.model(),
                TextModelReader.read("x.bil", TextModelPrinter.print(network.model())).model());
            BitInference bits = new BitInference(cnn);
            GoldenModel golden = new GoldenModel(network);
            FastEngine engine = FastEngine.compile(network);
            for (int v = 0; v < 6; v++) {
              int[] input = RandomCnns.input(random, cnn);
              int[] expected = bits.scores(input);
              InputVector vector = InputVector.of(kind, input);
              assertArrayEquals(expected, golden.infer(vector).scores(), "golden, network " + net + " input " + v);
              assertArrayEquals(expected, engine.infer(vector).scores(), "engine, network " + net + " input " + v);
              checked++;
            }
          }
        }
      }
    }
    assertEquals(2 * 2 * 2 * 8 * 6, checked);
  }
}
