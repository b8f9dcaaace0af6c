package dev.brainblitz.ir.text;

import dev.brainblitz.ir.BitMatrix;
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
      appendNode(out, node);
    }
    out.append("}\n");
    return out.toString();
  }

  private static void appendNode(StringBuilder out, Node node) {
    // A switch expression without default: a new kind of node does not compile until it prints.
    Runnable print = switch (node.op()) {
      case INPUT -> () -> appendInput(out, (Node.Input) node);
      case DENSE -> () -> appendDense(out, (Node.Dense) node);
      case THRESHOLD -> () -> appendThreshold(out, (Node.Threshold) node);
      case SCORES -> () -> appendScores(out, (Node.Scores) node);
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
