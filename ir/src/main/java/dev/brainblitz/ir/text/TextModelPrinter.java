package dev.brainblitz.ir.text;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;

/**
 * Prints a model in the canonical text form: two-space indentation, one weight row per line as
 * {@code 0x%08x} words (word 0 first), one threshold entry per line, a blank line between nodes.
 * {@code TextModelReader.read(print(m))} equals {@code m}, and printing is deterministic.
 */
public final class TextModelPrinter {
  private TextModelPrinter() {}

  public static String print(Model model) {
    StringBuilder out = new StringBuilder();
    out.append("bil ").append(Model.FORMAT_VERSION).append('\n');
    out.append("model ").append(model.name()).append(" {\n");
    boolean first = true;
    for (Node node : model.nodes()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      appendNode(out, node, model);
    }
    out.append("}\n");
    return out.toString();
  }

  private static void appendNode(StringBuilder out, Node node, Model model) {
    // A switch expression without default: a new kind of node does not compile until it prints.
    Runnable print = switch (node.op()) {
      case INPUT -> () -> appendInput(out, (Node.Input) node);
      case DENSE -> () -> appendDense(out, (Node.Dense) node);
      case THRESHOLD -> () -> appendThreshold(out, (Node.Threshold) node);
      case SCORES -> () -> appendScores(out, (Node.Scores) node);
      case CONV2D -> () -> appendConv(out, (Node.Conv2d) node, model);
      case MAXPOOL -> () -> out.append("  maxpool ").append(node.name()).append(" : ")
          .append(((Node.MaxPool) node).source()).append(" kernel ").append(((Node.MaxPool) node).size()).append('\n');
      case FLATTEN -> () -> out.append("  flatten ").append(node.name()).append(" : ")
          .append(((Node.Flatten) node).source()).append('\n');
    };
    print.run();
  }

  private static void appendInput(StringBuilder out, Node.Input input) {
    out.append("  input ").append(input.name()).append(" : ").append(input.kind().keyword())
        .append('[').append(input.size()).append("]\n");
  }

  private static void appendDense(StringBuilder out, Node.Dense dense) {
    out.append("  dense ").append(dense.name()).append(" : ").append(dense.source())
        .append(" -> ").append(dense.outputs()).append(" {\n");
    appendRows(out, dense.weights());
    out.append("  }\n");
  }

  private static void appendConv(StringBuilder out, Node.Conv2d conv, Model model) {
    out.append("  conv2d ").append(conv.name()).append(" : ").append(conv.source())
        .append(" -> ").append(conv.outChannels()).append(" {\n");
    out.append("    image ").append(conv.image().text()).append(" kernel ").append(conv.kernel())
        .append(" stride ").append(conv.stride()).append(' ').append(paddingText(conv, model)).append('\n');
    appendRows(out, conv.weights());
    out.append("  }\n");
  }

  /** {@code valid}, {@code same -1}, {@code same +1} on bits, {@code same B} (a byte) on a u8 input. */
  static String paddingText(Node.Conv2d conv, Model model) {
    boolean bytes = model.node(conv.source()).filter(n -> n instanceof Node.Input i && i.kind() == InputKind.U8)
        .isPresent();
    return conv.padding().text(bytes ? InputKind.U8 : InputKind.BIPOLAR);
  }

  private static void appendThreshold(StringBuilder out, Node.Threshold threshold) {
    out.append("  threshold ").append(threshold.name()).append(" : ").append(threshold.source()).append(" {\n");
    appendThresholds(out, threshold.table());
    out.append("  }\n");
  }

  private static void appendScores(StringBuilder out, Node.Scores scores) {
    out.append("  scores ").append(scores.name()).append(" : ").append(scores.source())
        .append(" -> ").append(scores.classes()).append(" {\n");
    appendRows(out, scores.weights());
    if (scores.hasBias()) {
      out.append("    bias");
      for (int b : scores.bias()) {
        out.append(' ').append(b);
      }
      out.append('\n');
    }
    out.append("  }\n");
  }

  /** One row per line: {@code 0x%08x} words separated by spaces, word 0 (columns 0..31) first. */
  static void appendRows(StringBuilder out, BitMatrix weights) {
    for (int r = 0; r < weights.rows(); r++) {
      out.append("   ");
      for (int w = 0; w < weights.wordsPerRow(); w++) {
        out.append(" 0x").append(String.format("%08x", weights.word(r, w)));
      }
      out.append('\n');
    }
  }

  private static void appendThresholds(StringBuilder out, ThresholdTable table) {
    for (int j = 0; j < table.neurons(); j++) {
      out.append("    ").append(table.direction(j).keyword());
      for (int k = 0; k < table.levels(); k++) {
        out.append(' ').append(table.threshold(j, k));
      }
      out.append('\n');
    }
  }
}
