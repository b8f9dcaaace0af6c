package dev.brainblitz.ir.json;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.diag.SourceTexts;
import dev.brainblitz.ir.syntax.ModelAssembler;
import dev.brainblitz.ir.syntax.RawNode;
import dev.brainblitz.ir.syntax.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the JSON form of a model (described on {@link JsonModelWriter}). This class only maps JSON
 * onto {@link RawNode}s, keeping the position of every value; {@link ModelAssembler} then does the
 * checks the text form shares (numbers, hex words, row lengths, padding bits, validation), so both
 * forms report the same errors, here at the line and column of the offending JSON value.
 */
public final class JsonModelReader {
  private static final List<String> MODEL_FIELDS = List.of("format", "version", "name", "nodes");
  private static final List<String> INPUT_FIELDS = List.of("op", "name", "kind", "size");
  private static final List<String> DENSE_FIELDS = List.of("op", "name", "source", "outputs", "weights");
  private static final List<String> THRESHOLD_FIELDS = List.of("op", "name", "source", "thresholds");
  private static final List<String> CONV2D_FIELDS =
      List.of("op", "name", "source", "outputs", "image", "kernel", "stride", "padding", "pad", "weights");
  private static final List<String> MAXPOOL_FIELDS = List.of("op", "name", "source", "kernel");
  private static final List<String> FLATTEN_FIELDS = List.of("op", "name", "source");
  private static final List<String> SCORES_FIELDS = List.of("op", "name", "source", "classes", "weights", "bias");

  private final Diagnostics diagnostics;

  private JsonModelReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * The validated model in {@code text}, read from the file {@code fileName} (used in positions).
   * Throws a {@link DiagnosticException} holding every error found, with the text attached for
   * rendering.
   */
  public static Network read(String fileName, String text) {
    var diagnostics = new Diagnostics(SourceTexts.of(fileName, text));
    var reader = new JsonModelReader(diagnostics);
    Optional<Network> model = LocatedJsonParser.parse(fileName, text, diagnostics).flatMap(reader::model);
    diagnostics.throwIfAny();
    return model.orElseThrow(() -> new IllegalStateException("no model read from " + fileName + " and no error reported"));
  }

  private Optional<Network> model(JsonValue root) {
    if (!(root instanceof JsonValue.JsonObject object)) {
      diagnostics.error(ErrorCode.JSON_BAD_FORMAT, root.span(),
          "a brain-blitz model file holds one JSON object, not " + root.type().description());
      return Optional.empty();
    }
    // Format and version first: a file of another kind or version would only produce noise below.
    if (!JsonHeader.check(object, JsonModelWriter.FORMAT, Model.FORMAT_VERSION, diagnostics)) {
      return Optional.empty();
    }
    var fields = JsonFields.of(object, "the model", MODEL_FIELDS, diagnostics);
    var name = fields.string("name").map(JsonModelReader::token);
    List<RawNode> nodes = new ArrayList<>();
    fields.array("nodes").ifPresent(array -> {
      for (JsonValue element : array.elements()) {
        JsonFields.asObject(element, "a node", diagnostics).flatMap(this::node).ifPresent(nodes::add);
      }
    });
    // Structural errors would cascade into confusing model errors (a missing node becomes a
    // dangling reference), so the model is assembled only from a well-formed file.
    if (diagnostics.hasErrors() || name.isEmpty()) {
      return Optional.empty();
    }
    return ModelAssembler.assemble(name.get(), nodes, name.get().span(), diagnostics);
  }

  private Optional<RawNode> node(JsonValue.JsonObject object) {
    var op = object.member("op").map(JsonValue.Member::value);
    if (op.isEmpty()) {
      diagnostics.error(ErrorCode.JSON_MISSING_FIELD, object.span(), "node has no field 'op'");
      return Optional.empty();
    }
    var keyword = JsonFields.asString(op.get(), "'op' of a node", diagnostics);
    if (keyword.isEmpty()) {
      return Optional.empty();
    }
    String opName = keyword.get().text();
    for (Node.Op kind : Node.Op.values()) {
      if (kind.keyword().equals(opName)) {
        return node(kind, object);
      }
    }
    diagnostics.error(ErrorCode.JSON_UNKNOWN_OP, keyword.get().span(),
        "unknown op \"" + opName + "\"; expected input, dense, threshold, scores, conv2d, maxpool or flatten");
    return Optional.empty();
  }

  private Optional<RawNode> node(Node.Op op, JsonValue.JsonObject object) {
    String owner = object.member("name")
        .filter(m -> m.value() instanceof JsonValue.JsonString)
        .map(m -> op.keyword() + " '" + ((JsonValue.JsonString) m.value()).text() + "'")
        .orElse(op.keyword() + " node");
    return switch (op) {
      case INPUT -> input(JsonFields.of(object, owner, INPUT_FIELDS, diagnostics));
      case DENSE -> dense(JsonFields.of(object, owner, DENSE_FIELDS, diagnostics));
      case THRESHOLD -> threshold(JsonFields.of(object, owner, THRESHOLD_FIELDS, diagnostics));
      case SCORES -> scores(JsonFields.of(object, owner, SCORES_FIELDS, diagnostics));
      case CONV2D -> conv(JsonFields.of(object, owner, CONV2D_FIELDS, diagnostics));
      case MAXPOOL -> pool(JsonFields.of(object, owner, MAXPOOL_FIELDS, diagnostics));
      case FLATTEN -> flatten(JsonFields.of(object, owner, FLATTEN_FIELDS, diagnostics));
    };
  }

  private Optional<RawNode> input(JsonFields fields) {
    var name = fields.string("name");
    var kind = fields.string("kind");
    var size = fields.integer("size");
    if (name.isEmpty() || kind.isEmpty() || size.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RawNode.Input(token(name.get()), token(kind.get()), token(size.get()), name.get().span()));
  }

  private Optional<RawNode> dense(JsonFields fields) {
    var name = fields.string("name");
    var source = fields.string("source");
    var outputs = fields.integer("outputs");
    var rows = fields.array("weights").flatMap(a -> rows(a, fields.field("weights")));
    if (name.isEmpty() || source.isEmpty() || outputs.isEmpty() || rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RawNode.Dense(token(name.get()), token(source.get()), token(outputs.get()), rows.get(),
        name.get().span()));
  }

  private Optional<RawNode> threshold(JsonFields fields) {
    var name = fields.string("name");
    var source = fields.string("source");
    var entries = fields.array("thresholds").flatMap(a -> levels(a, fields.field("thresholds")));
    if (name.isEmpty() || source.isEmpty() || entries.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RawNode.Threshold(token(name.get()), token(source.get()), entries.get(), name.get().span()));
  }

  private Optional<RawNode> scores(JsonFields fields) {
    var name = fields.string("name");
    var source = fields.string("source");
    var classes = fields.integer("classes");
    var rows = fields.array("weights").flatMap(a -> rows(a, fields.field("weights")));
    Optional<List<Token>> bias = Optional.empty();
    boolean biasOk = true;
    var biasValue = fields.optional("bias");
    if (biasValue.isPresent()) {
      bias = JsonFields.asArray(biasValue.get(), fields.field("bias"), diagnostics)
          .flatMap(a -> integers(a.elements(), "a bias"));
      biasOk = bias.isPresent();
    }
    if (name.isEmpty() || source.isEmpty() || classes.isEmpty() || rows.isEmpty() || !biasOk) {
      return Optional.empty();
    }
    return Optional.of(new RawNode.Scores(token(name.get()), token(source.get()), token(classes.get()), rows.get(), bias,
        name.get().span()));
  }

  private Optional<RawNode> conv(JsonFields fields) {
    var name = fields.string("name");
    var source = fields.string("source");
    var outputs = fields.integer("outputs");
    var image = fields.array("image").flatMap(a -> image(a, fields.field("image")));
    var kernel = fields.integer("kernel");
    var stride = fields.integer("stride");
    var mode = fields.string("padding");
    Optional<Token> pad = Optional.empty();
    boolean padOk = true;
    if (mode.isPresent() && mode.get().text().equals("same")) {
      var value = fields.integer("pad");
      pad = value.map(JsonModelReader::token);
      padOk = value.isPresent();
    } else if (fields.optional("pad").isPresent()) {
      var value = JsonFields.asInteger(fields.optional("pad").get(), fields.field("pad"), diagnostics);
      pad = value.map(JsonModelReader::token);
      padOk = value.isPresent();
    }
    var rows = fields.array("weights").flatMap(a -> rows(a, fields.field("weights")));
    if (name.isEmpty() || source.isEmpty() || outputs.isEmpty() || image.isEmpty() || kernel.isEmpty()
        || stride.isEmpty() || mode.isEmpty() || !padOk || rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RawNode.Conv2d(token(name.get()), token(source.get()), token(outputs.get()), image.get(),
        token(kernel.get()), token(stride.get()), token(mode.get()), pad, rows.get(), name.get().span()));
  }

  /** An image shape: {@code [height, width, channels]}. */
  private Optional<List<Token>> image(JsonValue.JsonArray array, String what) {
    if (array.size() != 3) {
      diagnostics.error(ErrorCode.JSON_TYPE, array.span(),
          what + " is [height, width, channels], e.g. [28, 28, 1]; this one has " + array.size() + " elements");
      return Optional.empty();
    }
    return integers(array.elements(), "an image dimension");
  }

  private Optional<RawNode> pool(JsonFields fields) {
    var name = fields.string("name");
    var source = fields.string("source");
    var kernel = fields.integer("kernel");
    if (name.isEmpty() || source.isEmpty() || kernel.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RawNode.MaxPool(token(name.get()), token(source.get()), token(kernel.get()), name.get().span()));
  }

  private Optional<RawNode> flatten(JsonFields fields) {
    var name = fields.string("name");
    var source = fields.string("source");
    if (name.isEmpty() || source.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RawNode.Flatten(token(name.get()), token(source.get()), name.get().span()));
  }

  /** Weight rows: each a string of space-separated words, each word located inside the string. */
  private Optional<List<RawNode.Row>> rows(JsonValue.JsonArray array, String what) {
    List<RawNode.Row> rows = new ArrayList<>();
    boolean ok = true;
    for (JsonValue element : array.elements()) {
      var row = JsonFields.asString(element, "a row of " + what, diagnostics);
      if (row.isEmpty()) {
        ok = false;
        continue;
      }
      rows.add(new RawNode.Row(words(row.get()), row.get().span()));
    }
    return ok ? Optional.of(rows) : Optional.empty();
  }

  private static List<Token> words(JsonValue.JsonString row) {
    String text = row.text();
    List<Token> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      words.add(new Token(text.substring(start, i), row.spanOf(start, i - start)));
    }
    return words;
  }

  /** Threshold entries: each {@code [direction, t1, t2, ...]}. */
  private Optional<List<RawNode.Level>> levels(JsonValue.JsonArray array, String what) {
    List<RawNode.Level> levels = new ArrayList<>();
    boolean ok = true;
    for (JsonValue element : array.elements()) {
      var level = JsonFields.asArray(element, "an entry of " + what, diagnostics).flatMap(this::level);
      if (level.isEmpty()) {
        ok = false;
        continue;
      }
      levels.add(level.get());
    }
    return ok ? Optional.of(levels) : Optional.empty();
  }

  private Optional<RawNode.Level> level(JsonValue.JsonArray entry) {
    if (entry.size() < 2) {
      diagnostics.error(ErrorCode.JSON_TYPE, entry.span(),
          "a threshold entry is [direction, threshold, ...], e.g. [\"ge\", 3]; this one has " + entry.size() + " elements");
      return Optional.empty();
    }
    var direction = JsonFields.asString(entry.get(0), "the direction of a threshold entry", diagnostics);
    var thresholds = integers(entry.elements().subList(1, entry.size()), "a threshold");
    if (direction.isEmpty() || thresholds.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RawNode.Level(token(direction.get()), thresholds.get(), entry.span()));
  }

  private Optional<List<Token>> integers(List<JsonValue> values, String what) {
    List<Token> tokens = new ArrayList<>();
    boolean ok = true;
    for (JsonValue value : values) {
      var number = JsonFields.asInteger(value, what, diagnostics);
      number.ifPresent(n -> tokens.add(token(n)));
      ok &= number.isPresent();
    }
    return ok ? Optional.of(tokens) : Optional.empty();
  }

  private static Token token(JsonValue.JsonString string) {
    return new Token(string.text(), string.span());
  }

  /** The literal as written: the assembler parses it, reporting numbers too large (BIL005). */
  private static Token token(JsonValue.JsonNumber number) {
    return new Token(number.literal(), number.span());
  }
}
