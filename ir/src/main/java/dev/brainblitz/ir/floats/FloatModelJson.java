package dev.brainblitz.ir.floats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.diag.SourceTexts;
import dev.brainblitz.ir.json.JsonFields;
import dev.brainblitz.ir.json.JsonHeader;
import dev.brainblitz.ir.json.JsonLayout;
import dev.brainblitz.ir.json.JsonValue;
import dev.brainblitz.ir.json.LocatedJsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JSON file form of a {@link FloatModel}: what a training script exports for
 * {@code FoldBatchNorm}. Version 1:
 *
 * <pre>{@code
 * {
 *   "format": "brain-blitz-float-model",
 *   "version": 1,
 *   "name": "mnist",
 *   "input": {"kind": "u8", "size": 784},
 *   "layers": [
 *     {
 *       "weights": [
 *         [0.12, -0.5, ...],          one row per neuron, one number per input
 *         ...
 *       ],
 *       "bias": [0.0, ...],            one per neuron
 *       "batchnorm": {
 *         "gamma": [...], "beta": [...], "mean": [...], "variance": [...],   one per neuron
 *         "epsilon": 1.0E-5
 *       }
 *     }
 *   ],
 *   "scores": {
 *     "weights": [[...], ...],         one row per class
 *     "bias": [3.0, -1.0, ...]         one integer per class (written as a number, e.g. 3 or 3.0)
 *   }
 * }
 * }</pre>
 *
 * <p>Numbers must be finite ({@code NaN} or {@code Infinity}, even as strings, is
 * {@link ErrorCode#FLOAT_NOT_FINITE}), and so must {@code variance + epsilon} be, and positive.
 * Arrays of the wrong length are {@link ErrorCode#FLOAT_SHAPE}; a fractional score bias is
 * {@link ErrorCode#FLOAT_SCORE_BIAS}. {@code "layers"} may be empty. Doubles are written in Java's
 * shortest round-trip form, so reading what was written gives back the same bits.
 */
public final class FloatModelJson {
  /** The value of the {@code "format"} field that marks a float model file. */
  public static final String FORMAT = "brain-blitz-float-model";

  /** The version of this format that this code reads and writes. */
  public static final int VERSION = 1;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final List<String> MODEL_FIELDS = List.of("format", "version", "name", "input", "layers", "scores");
  private static final List<String> INPUT_FIELDS = List.of("kind", "size");
  private static final List<String> LAYER_FIELDS = List.of("weights", "bias", "batchnorm");
  private static final List<String> BATCH_NORM_FIELDS = List.of("gamma", "beta", "mean", "variance", "epsilon");
  private static final List<String> SCORES_FIELDS = List.of("weights", "bias");
  private static final List<String> NOT_FINITE = List.of("NaN", "Infinity", "+Infinity", "-Infinity", "inf", "-inf");

  private final Diagnostics diagnostics;

  private FloatModelJson(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The float model in {@code text}; throws a {@link DiagnosticException} holding every error found. */
  public static FloatModel read(String fileName, String text) {
    var diagnostics = new Diagnostics(SourceTexts.of(fileName, text));
    var reader = new FloatModelJson(diagnostics);
    Optional<FloatModel> model = LocatedJsonParser.parse(fileName, text, diagnostics).flatMap(reader::model);
    diagnostics.throwIfAny();
    return model.orElseThrow(() -> new IllegalStateException("no float model read from " + fileName + " and no error"));
  }

  /** The JSON text of {@code model}, deterministic, ending with a newline. */
  public static String write(FloatModel model) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      JsonLayout layout = new JsonLayout();
      json.setPrettyPrinter(layout);
      json.writeStartObject();
      json.writeStringField("format", FORMAT);
      json.writeNumberField("version", VERSION);
      json.writeStringField("name", model.name());
      json.writeFieldName("input");
      layout.inlineNext();
      json.writeStartObject();
      json.writeStringField("kind", model.inputKind().keyword());
      json.writeNumberField("size", model.inputSize());
      json.writeEndObject();
      json.writeArrayFieldStart("layers");
      for (FloatLayer layer : model.hidden()) {
        json.writeStartObject();
        writeMatrix(json, layout, "weights", layer.weights());
        writeVector(json, layout, "bias", layer.bias());
        json.writeObjectFieldStart("batchnorm");
        BatchNorm bn = layer.batchNorm();
        writeVector(json, layout, "gamma", bn.gamma());
        writeVector(json, layout, "beta", bn.beta());
        writeVector(json, layout, "mean", bn.mean());
        writeVector(json, layout, "variance", bn.variance());
        json.writeNumberField("epsilon", bn.epsilon());
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeObjectFieldStart("scores");
      writeMatrix(json, layout, "weights", model.output().weights());
      writeVector(json, layout, "bias", model.output().bias());
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
    }
    return out.append('\n').toString();
  }

  private static void writeMatrix(JsonGenerator json, JsonLayout layout, String name, FloatMatrix matrix)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (int r = 0; r < matrix.rows(); r++) {
      layout.inlineNext();
      json.writeArray(matrix.row(r), 0, matrix.columns());
    }
    json.writeEndArray();
  }

  private static void writeVector(JsonGenerator json, JsonLayout layout, String name, FloatVector vector)
      throws IOException {
    json.writeFieldName(name);
    layout.inlineNext();
    json.writeArray(vector.toArray(), 0, vector.size());
  }

  private Optional<FloatModel> model(JsonValue root) {
    if (!(root instanceof JsonValue.JsonObject object)) {
      diagnostics.error(ErrorCode.JSON_BAD_FORMAT, root.span(),
          "a float model file holds one JSON object, not " + root.type().description());
      return Optional.empty();
    }
    if (!JsonHeader.check(object, FORMAT, VERSION, diagnostics)) {
      return Optional.empty();
    }
    var fields = JsonFields.of(object, "the float model", MODEL_FIELDS, diagnostics);
    var name = fields.string("name");
    name.filter(n -> !ModelValidator.NAME.matcher(n.text()).matches()).ifPresent(n -> diagnostics.error(
        ErrorCode.BAD_NAME, n.span(), "model name '" + n.text() + "' is not an identifier ([A-Za-z_][A-Za-z0-9_]*)"));
    var input = fields.objectField("input").map(o -> JsonFields.of(o, "'input'", INPUT_FIELDS, diagnostics));
    var kind = input.flatMap(this::inputKind);
    var size = input.flatMap(this::inputSize);
    OptionalInt width = size.map(OptionalInt::of).orElse(OptionalInt.empty());
    List<FloatLayer> hidden = new ArrayList<>();
    var layers = fields.array("layers").map(JsonValue.JsonArray::elements).orElse(List.of());
    for (int k = 0; k < layers.size(); k++) {
      String owner = "layer " + (k + 1);
      var layerObject = JsonFields.asObject(layers.get(k), owner, diagnostics);
      Optional<FloatLayer> layer = layerObject.isEmpty()
          ? Optional.empty()
          : layer(JsonFields.of(layerObject.get(), owner, LAYER_FIELDS, diagnostics), width);
      layer.ifPresent(hidden::add);
      // After a broken layer the width of the next is unknown: its own first row decides.
      width = layer.isPresent() ? OptionalInt.of(layer.get().outputs()) : OptionalInt.empty();
    }
    var scoresObject = fields.objectField("scores");
    Optional<FloatScores> scores = scoresObject.isEmpty()
        ? Optional.empty()
        : scores(JsonFields.of(scoresObject.get(), "'scores'", SCORES_FIELDS, diagnostics), width);
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(new FloatModel(name.get().text(), kind.get(), size.get(), hidden, scores.get()));
  }

  private Optional<InputKind> inputKind(JsonFields input) {
    return input.string("kind").flatMap(k -> {
      var kind = InputKind.fromKeyword(k.text());
      if (kind.isEmpty()) {
        diagnostics.error(ErrorCode.BAD_INPUT_KIND, k.span(), "unknown input kind '" + k.text() + "'; use bipolar or u8");
      }
      return kind;
    });
  }

  private Optional<Integer> inputSize(JsonFields input) {
    return input.integer("size").flatMap(n -> {
      long size;
      try {
        size = Long.parseLong(n.literal());
      } catch (NumberFormatException e) {
        diagnostics.error(ErrorCode.NUMBER_OUT_OF_RANGE, n.span(), "input size " + n.literal() + " does not fit 64 bits");
        return Optional.empty();
      }
      if (size < 1 || size > ModelValidator.MAX_ELEMENTS) {
        diagnostics.error(ErrorCode.BAD_SIZE, n.span(),
            "input size " + size + " is outside [1, " + ModelValidator.MAX_ELEMENTS + "]");
        return Optional.empty();
      }
      return Optional.of((int) size);
    });
  }

  private Optional<FloatLayer> layer(JsonFields fields, OptionalInt width) {
    var weights = fields.array("weights").flatMap(a -> matrix(a, fields.field("weights"), width));
    OptionalInt neurons = weights.map(w -> OptionalInt.of(w.length)).orElse(OptionalInt.empty());
    var bias = fields.array("bias").flatMap(a -> vector(a, fields.field("bias"), neurons));
    var batchNorm = fields.objectField("batchnorm")
        .flatMap(o -> batchNorm(JsonFields.of(o, fields.field("batchnorm"), BATCH_NORM_FIELDS, diagnostics), neurons));
    if (weights.isEmpty() || bias.isEmpty() || batchNorm.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FloatLayer(weights.get(), bias.get(), batchNorm.get()));
  }

  private Optional<BatchNorm> batchNorm(JsonFields fields, OptionalInt neurons) {
    var gamma = fields.array("gamma").flatMap(a -> vector(a, fields.field("gamma"), neurons));
    var beta = fields.array("beta").flatMap(a -> vector(a, fields.field("beta"), neurons));
    var mean = fields.array("mean").flatMap(a -> vector(a, fields.field("mean"), neurons));
    var varianceArray = fields.array("variance");
    var variance = varianceArray.flatMap(a -> vector(a, fields.field("variance"), neurons));
    var epsilon = fields.number("epsilon").flatMap(n -> finite(n, fields.field("epsilon")));
    if (gamma.isEmpty() || beta.isEmpty() || mean.isEmpty() || variance.isEmpty() || epsilon.isEmpty()) {
      return Optional.empty();
    }
    var batchNorm = new BatchNorm(gamma.get(), beta.get(), mean.get(), variance.get(), epsilon.get());
    boolean ok = true;
    for (int j = 0; j < batchNorm.neurons(); j++) {
      if (!batchNorm.hasValidScale(j)) {
        diagnostics.error(ErrorCode.FLOAT_NOT_FINITE, varianceArray.get().get(j).span(),
            "variance + epsilon of neuron " + j + " is " + (variance.get()[j] + epsilon.get())
                + "; batch normalization divides by its square root, so it must be positive and finite");
        ok = false;
      }
    }
    return ok ? Optional.of(batchNorm) : Optional.empty();
  }

  private Optional<FloatScores> scores(JsonFields fields, OptionalInt width) {
    var weights = fields.array("weights").flatMap(a -> matrix(a, fields.field("weights"), width));
    OptionalInt classes = weights.map(w -> OptionalInt.of(w.length)).orElse(OptionalInt.empty());
    var biasArray = fields.array("bias");
    var bias = biasArray.flatMap(a -> vector(a, fields.field("bias"), classes));
    if (weights.isEmpty() || bias.isEmpty()) {
      return Optional.empty();
    }
    boolean ok = true;
    for (int c = 0; c < bias.get().length; c++) {
      if (!FloatScores.isIntegralBias(bias.get()[c])) {
        diagnostics.error(ErrorCode.FLOAT_SCORE_BIAS, biasArray.get().get(c).span(),
            "score bias " + bias.get()[c] + " of class " + c + " must be an integer that fits 32 bits");
        ok = false;
      }
    }
    return ok ? Optional.of(new FloatScores(weights.get(), bias.get())) : Optional.empty();
  }

  /**
   * A matrix: at least one row, every row with {@code width} numbers (or, when the width is
   * unknown, as many as the first row).
   */
  private Optional<double[][]> matrix(JsonValue.JsonArray array, String what, OptionalInt width) {
    if (array.size() == 0) {
      diagnostics.error(ErrorCode.FLOAT_SHAPE, array.span(), what + " has no rows; a layer needs at least one neuron");
      return Optional.empty();
    }
    double[][] rows = new double[array.size()][];
    OptionalInt columns = width;
    boolean ok = true;
    for (int r = 0; r < array.size(); r++) {
      var row = JsonFields.asArray(array.get(r), "row " + r + " of " + what, diagnostics);
      if (row.isEmpty()) {
        ok = false;
        continue;
      }
      if (columns.isEmpty()) {
        columns = OptionalInt.of(row.get().size());
      }
      var values = vector(row.get(), "row " + r + " of " + what, columns);
      if (values.isEmpty()) {
        ok = false;
        continue;
      }
      rows[r] = values.get();
    }
    if (ok && rows[0].length == 0) {
      diagnostics.error(ErrorCode.FLOAT_SHAPE, array.get(0).span(), what + " has empty rows");
      ok = false;
    }
    return ok ? Optional.of(rows) : Optional.empty();
  }

  /** Finite numbers, {@code length} of them when the length is known. */
  private Optional<double[]> vector(JsonValue.JsonArray array, String what, OptionalInt length) {
    if (length.isPresent() && array.size() != length.getAsInt()) {
      diagnostics.error(ErrorCode.FLOAT_SHAPE, array.span(),
          what + " has " + array.size() + " numbers; expected " + length.getAsInt());
      return Optional.empty();
    }
    double[] values = new double[array.size()];
    boolean ok = true;
    for (int i = 0; i < values.length; i++) {
      var value = finite(array.get(i), "element " + i + " of " + what);
      if (value.isPresent()) {
        values[i] = value.get();
      } else {
        ok = false;
      }
    }
    return ok ? Optional.of(values) : Optional.empty();
  }

  /** A finite number; {@code "NaN"} and the infinities (as strings, or overflowing literals) are errors. */
  private Optional<Double> finite(JsonValue value, String what) {
    if (value instanceof JsonValue.JsonString s && NOT_FINITE.contains(s.text())) {
      diagnostics.error(ErrorCode.FLOAT_NOT_FINITE, value.span(), what + " is " + s.text() + "; parameters must be finite");
      return Optional.empty();
    }
    return JsonFields.asNumber(value, what, diagnostics).flatMap(n -> {
      double parsed = Double.parseDouble(n.literal());
      if (!Double.isFinite(parsed)) {
        diagnostics.error(ErrorCode.FLOAT_NOT_FINITE, n.span(), what + " " + n.literal() + " is too large for a double");
        return Optional.empty();
      }
      return Optional.of(parsed);
    });
  }
}
