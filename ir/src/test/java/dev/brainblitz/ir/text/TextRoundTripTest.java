package dev.brainblitz.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextRoundTripTest {
  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void parseOfPrintIsIdentityAndPrintingIsStable(long seed) {
    Model model = RandomNetworks.network(seed).model();
    String printed = TextModelPrinter.print(model);
    Model parsed = TextModelReader.read("roundtrip.bil", printed).model();
    assertEquals(model, parsed);
    assertEquals(printed, TextModelPrinter.print(parsed), "printing twice must give the same text");
  }

  /** Model equality must see every weight bit, or the round-trip test above proves nothing. */
  @Test
  void equalityNoticesASingleFlippedWeight() {
    Model model = RandomNetworks.network(3).model();
    List<Node> nodes = new ArrayList<>(model.nodes());
    int last = nodes.size() - 1;
    var scores = (Node.Scores) nodes.get(last);
    BitMatrix weights = scores.weights();
    boolean[][] bits = new boolean[weights.rows()][weights.columns()];
    for (int r = 0; r < weights.rows(); r++) {
      for (int c = 0; c < weights.columns(); c++) {
        bits[r][c] = weights.get(r, c);
      }
    }
    bits[weights.rows() - 1][weights.columns() - 1] ^= true;
    nodes.set(last, new Node.Scores(scores.name(), scores.source(), BitMatrix.fromBits(bits), scores.bias()));
    Model changed = new Model(model.name(), nodes);
    assertNotEquals(model, changed);
    assertNotEquals(TextModelPrinter.print(model), TextModelPrinter.print(changed));
  }

  @Test
  void commentsBlankLinesAndShortHexWordsAreAccepted() {
    String text = """
        # a comment before the header

        bil 1
        model m {   // trailing comment
          input x : bipolar[3]

          scores out : x -> 2 {
            0x5       # short words are fine: this is 0x00000005
            0X2
            bias -3 4
          }
        }
        """;
    Model model = TextModelReader.read("m.bil", text).model();
    var scores = (Node.Scores) model.nodes().get(1);
    assertEquals(5, scores.weights().word(0, 0));
    assertEquals(2, scores.weights().word(1, 0));
    assertEquals(List.of(-3, 4), scores.bias());
    assertEquals("""
        bil 1
        model m {
          input x : bipolar[3]

          scores out : x -> 2 {
            0x00000005
            0x00000002
            bias -3 4
          }
        }
        """, TextModelPrinter.print(model));
  }

  /** Keywords are legal names: whatever the validator accepts must print and read back. */
  @Test
  void keywordsCanBeNames() {
    var x = new Node.Input("input", dev.brainblitz.ir.InputKind.BIPOLAR, 3);
    var dense = new Node.Dense("dense", "input", BitMatrix.fromBits(new boolean[][] {{true, false, true}}));
    var threshold = new Node.Threshold("bias", "dense", dev.brainblitz.ir.ThresholdTable.of(
        new long[] {2}, new dev.brainblitz.ir.Direction[] {dev.brainblitz.ir.Direction.LE}));
    var scores = Node.Scores.unbiased("scores", "bias", BitMatrix.fromBits(new boolean[][] {{true}, {false}}));
    Model model = new Model("model", List.of(x, dense, threshold, scores));
    dev.brainblitz.ir.ModelValidator.validate(model);
    String printed = TextModelPrinter.print(model);
    assertEquals(model, TextModelReader.read("keywords.bil", printed).model());
    String json = dev.brainblitz.ir.json.JsonModelWriter.write(model);
    assertEquals(model, dev.brainblitz.ir.json.JsonModelReader.read("keywords.json", json).model());
  }

  @Test
  void windowsLineEndingsParseTheSame() {
    Model model = RandomNetworks.network(11).model();
    String printed = TextModelPrinter.print(model).replace("\n", "\r\n");
    assertEquals(model, TextModelReader.read("crlf.bil", printed).model());
  }
}
