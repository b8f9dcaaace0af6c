package dev.brainblitz.ir.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes a {@link Model} in the JSON form of a brain-blitz model, the form other tools (training
 * scripts, viewers) read and write most easily. {@link JsonModelReader} reads it back; the two are
 * inverses ({@code read(write(m)).equals(m)}) and the output is deterministic.
 *
 * <p>The format, version 1:
 *
 * <pre>{@code
 * {
 *   "format": "brain-blitz-model",
 *   "version": 1,
 *   "name": "tiny",
 *   "nodes": [
 *     {"op": "input", "name": "x", "kind": "bipolar", "size": 5},
 *     {
 *       "op": "dense",
 *       "name": "fc1",
 *       "source": "x",
 *       "outputs": 3,
 *       "weights": [
 *         "0x00000015",
 *         "0x0000000a",
 *         "0x0000001f"
 *       ]
 *     },
 *     {
 *       "op": "threshold",
 *       "name": "act1",
 *       "source": "fc1",
 *       "thresholds": [
 *         ["ge", 3],
 *         ["le", 2],
 *         ["ge", 1]
 *       ]
 *     },
 *     {
 *       "op": "scores",
 *       "name": "out",
 *       "source": "act1",
 *       "classes": 2,
 *       "weights": [
 *         "0x00000005",
 *         "0x00000002"
 *       ],
 *       "bias": [1, -1]
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Nodes appear in declaration order with the fields shown, in that order; the meaning of
 *       each node is the IL's (docs/il.md), exactly as in the text form.
 *   <li>{@code "kind"} is {@code "bipolar"} or {@code "u8"}.
 *   <li>Each weight row is one string of space-separated {@code 0x%08x} words, word 0 first; column
 *       c of a row is bit (c mod 32) of word (c div 32), and the unused high bits of the last word
 *       are 0.
 *   <li>A threshold entry is {@code [direction, t1, t2, ...]} with direction {@code "ge"} or
 *       {@code "le"}; several thresholds make a multi-level neuron (not accepted yet).
 *   <li>{@code "bias"} (one integer per class) is omitted when every bias is 0.
 *   <li>Numbers are integers written without fraction or exponent. Fields not listed are errors.
 * </ul>
 */
public final class JsonModelWriter {
  /** The value of the {@code "format"} field that marks a brain-blitz model file. */
  public static final String FORMAT = "brain-blitz-model";

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonModelWriter() {}

  /** The JSON text of {@code model}, ending with a newline. */
  public static String write(Model model) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      JsonLayout layout = new JsonLayout();
      json.setPrettyPrinter(layout);
      json.writeStartObject();
      json.writeStringField("format", FORMAT);
      json.writeNumberField("version", Model.FORMAT_VERSION);
      json.writeStringField("name", model.name());
      json.writeArrayFieldStart("nodes");
      for (Node node : model.nodes()) {
        writeNode(json, layout, node);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
    }
    return out.append('\n').toString();
  }

  /** Writes the fields of one kind of node; may fail like the generator it writes to. */
  private interface FieldWriter {
    void write() throws IOException;
  }

  private static void writeNode(JsonGenerator json, JsonLayout layout, Node node) throws IOException {
    if (node.op() == Node.Op.INPUT || node.op() == Node.Op.MAXPOOL || node.op() == Node.Op.FLATTEN) {
      // The input is short; one line keeps the top of the file readable.
      layout.inlineNext();
    }
    json.writeStartObject();
    json.writeStringField("op", node.keyword());
    json.writeStringField("name", node.name());
    // A switch expression without default: a new kind of node does not compile until it is written.
    FieldWriter fields = switch (node.op()) {
      case INPUT -> () -> writeInput(json, (Node.Input) node);
      case DENSE -> () -> writeDense(json, (Node.Dense) node);
      case THRESHOLD -> () -> writeThreshold(json, layout, (Node.Threshold) node);
      case SCORES -> () -> writeScores(json, layout, (Node.Scores) node);
      case CONV2D -> () -> writeConv(json, layout, (Node.Conv2d) node);
      case MAXPOOL -> () -> {
        json.writeStringField("source", ((Node.MaxPool) node).source());
        json.writeNumberField("kernel", ((Node.MaxPool) node).size());
      };
      case FLATTEN -> () -> json.writeStringField("source", ((Node.Flatten) node).source());
    };
    fields.write();
    json.writeEndObject();
  }

  private static void writeInput(JsonGenerator json, Node.Input input) throws IOException {
    json.writeStringField("kind", input.kind().keyword());
    json.writeNumberField("size", input.size());
  }

  private static void writeDense(JsonGenerator json, Node.Dense dense) throws IOException {
    json.writeStringField("source", dense.source());
    json.writeNumberField("outputs", dense.outputs());
    writeWeights(json, dense.weights());
  }

  private static void writeConv(JsonGenerator json, JsonLayout layout, Node.Conv2d conv) throws IOException {
    json.writeStringField("source", conv.source());
    json.writeNumberField("outputs", conv.outChannels());
    json.writeFieldName("image");
    layout.inlineNext();
    json.writeStartArray();
    json.writeNumber(conv.image().height());
    json.writeNumber(conv.image().width());
    json.writeNumber(conv.image().channels());
    json.writeEndArray();
    json.writeNumberField("kernel", conv.kernel());
    json.writeNumberField("stride", conv.stride());
    json.writeStringField("padding", conv.padding().mode().keyword());
    if (conv.padding().mode() == dev.brainblitz.ir.Padding.Mode.SAME) {
      json.writeNumberField("pad", conv.padding().value());
    }
    writeWeights(json, conv.weights());
  }

  private static void writeThreshold(JsonGenerator json, JsonLayout layout, Node.Threshold threshold) throws IOException {
    json.writeStringField("source", threshold.source());
    writeThresholds(json, layout, threshold.table());
  }

  private static void writeScores(JsonGenerator json, JsonLayout layout, Node.Scores scores) throws IOException {
    json.writeStringField("source", scores.source());
    json.writeNumberField("classes", scores.classes());
    writeWeights(json, scores.weights());
    if (scores.hasBias()) {
      json.writeFieldName("bias");
      layout.inlineNext();
      json.writeStartArray();
      for (int bias : scores.bias()) {
        json.writeNumber(bias);
      }
      json.writeEndArray();
    }
  }

  private static void writeWeights(JsonGenerator json, BitMatrix weights) throws IOException {
    json.writeArrayFieldStart("weights");
    for (int r = 0; r < weights.rows(); r++) {
      json.writeString(row(weights, r));
    }
    json.writeEndArray();
  }

  /** One row as the text form writes it: {@code 0x%08x} words separated by spaces, word 0 first. */
  static String row(BitMatrix weights, int r) {
    StringBuilder row = new StringBuilder(weights.wordsPerRow() * 11);
    for (int w = 0; w < weights.wordsPerRow(); w++) {
      if (w > 0) {
        row.append(' ');
      }
      String hex = Integer.toHexString(weights.word(r, w));
      row.append("0x").append("0".repeat(8 - hex.length())).append(hex);
    }
    return row.toString();
  }

  private static void writeThresholds(JsonGenerator json, JsonLayout layout, ThresholdTable table) throws IOException {
    json.writeArrayFieldStart("thresholds");
    for (int j = 0; j < table.neurons(); j++) {
      layout.inlineNext();
      json.writeStartArray();
      json.writeString(table.direction(j).keyword());
      for (int k = 0; k < table.levels(); k++) {
        json.writeNumber(table.threshold(j, k));
      }
      json.writeEndArray();
    }
    json.writeEndArray();
  }
}
