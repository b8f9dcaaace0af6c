package dev.brainblitz.ir.syntax;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.SpanList;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the raw nodes of a front end into a {@link Model}, checking everything that can be checked
 * locally: numbers, hex words, row counts and row lengths (a row's length follows from the size of
 * the node it reads, looked up among the nodes declared before it, or for a conv2d from its own
 * window). Graph-level rules are left to
 * {@link ModelValidator}, which {@link #assemble} runs when every node could be built, so a front
 * end hands out a validated {@link Network}.
 */
public final class ModelAssembler {
  private final Diagnostics diagnostics;
  private final Map<String, Integer> sizeByName = new HashMap<>();
  /** The feature maps produced by the conv2d, threshold and maxpool nodes read so far, when their shapes fit. */
  private final Map<String, MapShape> mapByName = new HashMap<>();
  private final java.util.Set<String> convNames = new java.util.HashSet<>();
  /** The names of the dense nodes built so far: a threshold's table must match their outputs. */
  private final java.util.Set<String> denseNames = new java.util.HashSet<>();
  private boolean incomplete;

  private ModelAssembler(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * Builds and validates the model; every problem found goes to {@code diagnostics}. Returns its
   * network when there were none.
   */
  public static Optional<Network> assemble(Token modelName, List<RawNode> rawNodes, SourceSpan span, Diagnostics diagnostics) {
    var assembler = new ModelAssembler(diagnostics);
    var nodes = new ArrayList<Node>();
    for (RawNode raw : rawNodes) {
      assembler.build(raw).ifPresentOrElse(nodes::add, () -> assembler.incomplete = true);
    }
    var model = new Model(modelName.text(), nodes, span);
    if (assembler.incomplete) {
      return Optional.empty();
    }
    Optional<Network> network = ModelValidator.validate(model, diagnostics);
    return diagnostics.hasErrors() ? Optional.empty() : network;
  }

  private Optional<Node> build(RawNode raw) {
    return switch (raw.op()) {
      case INPUT -> buildInput((RawNode.Input) raw);
      case DENSE -> buildDense((RawNode.Dense) raw);
      case THRESHOLD -> buildThreshold((RawNode.Threshold) raw);
      case SCORES -> buildScores((RawNode.Scores) raw);
      case CONV2D -> buildConv((RawNode.Conv2d) raw);
      case MAXPOOL -> buildPool((RawNode.MaxPool) raw);
      case FLATTEN -> buildFlatten((RawNode.Flatten) raw);
    };
  }

  private Optional<Node> buildInput(RawNode.Input raw) {
    var kind = InputKind.fromKeyword(raw.kind().text());
    if (kind.isEmpty()) {
      diagnostics.error(ErrorCode.BAD_INPUT_KIND, raw.kind().span(),
          "unknown input kind '" + raw.kind().text() + "'; use bipolar or u8");
    }
    var size = size(raw.size(), "input size");
    if (kind.isEmpty() || size.isEmpty()) {
      return Optional.empty();
    }
    declare(raw.name().text(), size.get());
    return Optional.of(new Node.Input(raw.name().text(), kind.get(), size.get(), raw.span()));
  }

  private Optional<Node> buildDense(RawNode.Dense raw) {
    var outputs = size(raw.outputs(), "number of outputs");
    var weights = outputs.flatMap(n -> matrix(raw.name(), sizeByName.get(raw.source().text()), n, raw.rows(), raw.span()));
    if (weights.isEmpty()) {
      return Optional.empty();
    }
    declare(raw.name().text(), weights.get().rows());
    denseNames.add(raw.name().text());
    return Optional.of(new Node.Dense(raw.name().text(), raw.source().text(), weights.get(), raw.span()));
  }

  private Optional<Node> buildScores(RawNode.Scores raw) {
    var classes = size(raw.classes(), "number of classes");
    var weights = classes.flatMap(n -> matrix(raw.name(), sizeByName.get(raw.source().text()), n, raw.rows(), raw.span()));
    if (weights.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> bias = new ArrayList<>();
    boolean ok = true;
    if (raw.bias().isEmpty()) {
      bias = java.util.Collections.nCopies(weights.get().rows(), 0);
    } else {
      List<Token> tokens = raw.bias().get();
      if (tokens.size() != weights.get().rows()) {
        SourceSpan at = tokens.isEmpty() ? raw.span() : tokens.get(0).span();
        diagnostics.error(ErrorCode.BIAS_COUNT_MISMATCH, at,
            "scores '" + raw.name().text() + "' has " + weights.get().rows() + " classes but " + tokens.size() + " biases");
        ok = false;
      }
      for (Token token : tokens) {
        var value = integer(token, "bias");
        if (value.isEmpty()) {
          ok = false;
        } else if (value.get() < Integer.MIN_VALUE || value.get() > Integer.MAX_VALUE) {
          diagnostics.error(ErrorCode.BIAS_OUT_OF_RANGE, token.span(), "bias " + value.get() + " does not fit 32 bits");
          ok = false;
        } else {
          bias.add(value.get().intValue());
        }
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    declare(raw.name().text(), weights.get().rows());
    return Optional.of(new Node.Scores(raw.name().text(), raw.source().text(), weights.get(), bias, raw.span()));
  }

  private Optional<Node> buildThreshold(RawNode.Threshold raw) {
    var entries = raw.entries();
    if (entries.isEmpty()) {
      diagnostics.error(ErrorCode.THRESHOLD_COUNT_MISMATCH, raw.span(), "threshold '" + raw.name().text() + "' has no entries");
      return Optional.empty();
    }
    for (RawNode.Level entry : entries) {
      if (entry.thresholds().isEmpty()) {
        diagnostics.error(ErrorCode.THRESHOLD_COUNT_MISMATCH, entry.span(), "threshold entry has a direction but no threshold");
        return Optional.empty();
      }
    }
    int levels = entries.get(0).thresholds().size();
    long[] values = new long[entries.size() * levels];
    Direction[] directions = new Direction[entries.size()];
    List<SourceSpan> spans = new ArrayList<>();
    boolean ok = true;
    for (int j = 0; j < entries.size(); j++) {
      RawNode.Level entry = entries.get(j);
      spans.add(entry.thresholds().isEmpty() ? entry.span() : entry.thresholds().get(0).span());
      directions[j] = direction(entry.direction());
      if (directions[j] == null) {
        ok = false;
      }
      if (entry.thresholds().size() != levels) {
        diagnostics.error(ErrorCode.INCONSISTENT_LEVELS, entry.span(),
            "neuron " + j + " has " + entry.thresholds().size() + " thresholds but neuron 0 has " + levels);
        ok = false;
        continue;
      }
      for (int k = 0; k < levels; k++) {
        var value = integer(entry.thresholds().get(k), "threshold");
        if (value.isEmpty()) {
          ok = false;
        } else {
          values[j * levels + k] = value.get();
        }
      }
    }
    // A table of the wrong length is reported here, and the threshold then counts as its dense's
    // width: rows of the nodes reading it are checked against the intended width (not a misleading
    // padding error on a correct row).
    Integer neurons = denseNames.contains(raw.source().text()) ? sizeByName.get(raw.source().text()) : null;
    if (neurons != null && neurons != entries.size()) {
      diagnostics.error(ErrorCode.THRESHOLD_COUNT_MISMATCH, raw.span(), "threshold '" + raw.name().text() + "' has "
          + entries.size() + " entries but '" + raw.source().text() + "' has " + neurons + " neurons");
      declare(raw.name().text(), neurons);
      return Optional.empty();
    }
    if (!ok) {
      return Optional.empty();
    }
    String source = raw.source().text();
    if (convNames.contains(source) && mapByName.containsKey(source)) {
      // One entry per output channel; the node produces the conv2d's whole map of bits.
      declareMap(raw.name().text(), mapByName.get(source));
    } else {
      declare(raw.name().text(), entries.size());
    }
    var table = dev.brainblitz.ir.ThresholdTable.of(levels, values, directions);
    return Optional.of(new Node.Threshold(raw.name().text(), raw.source().text(), table, raw.span(), SpanList.of(spans)));
  }

  private Optional<Node> buildConv(RawNode.Conv2d raw) {
    var outputs = size(raw.outputs(), "number of output channels");
    var height = size(raw.image().get(0), "image height");
    var width = size(raw.image().get(1), "image width");
    var channels = size(raw.image().get(2), "image channels");
    var kernel = size(raw.kernel(), "kernel size");
    var stride = size(raw.stride(), "stride");
    var padding = padding(raw);
    if (outputs.isEmpty() || height.isEmpty() || width.isEmpty() || channels.isEmpty() || kernel.isEmpty()
        || stride.isEmpty() || padding.isEmpty()) {
      return Optional.empty();
    }
    var image = new MapShape(height.get(), width.get(), channels.get());
    long fanIn = (long) kernel.get() * kernel.get() * channels.get();
    if (fanIn > ModelValidator.MAX_ELEMENTS) {
      diagnostics.error(ErrorCode.BAD_SIZE, raw.kernel().span(), "a " + kernel.get() + "x" + kernel.get()
          + " window over " + channels.get() + " channels has " + fanIn + " elements, more than " + ModelValidator.MAX_ELEMENTS);
      return Optional.empty();
    }
    var weights = matrix(raw.name(), (int) fanIn, outputs.get(), raw.rows(), raw.span());
    if (weights.isEmpty()) {
      return Optional.empty();
    }
    var conv = new Node.Conv2d(raw.name().text(), raw.source().text(), image, kernel.get(), stride.get(), padding.get(),
        weights.get(), raw.span());
    convNames.add(conv.name());
    if (image.elements() <= ModelValidator.MAX_ELEMENTS && ConvGeometry.problem(image.height(), image.width(),
        image.channels(), conv.kernel(), conv.stride(), conv.padding().mode(), conv.outChannels()) == null
        && conv.geometry().out().elements() <= ModelValidator.MAX_ELEMENTS) {
      declareMap(conv.name(), conv.geometry().out());
    }
    return Optional.of(conv);
  }

  /** {@code valid}, or {@code same} and its pad value; whether the value fits the input is the validator's. */
  private Optional<Padding> padding(RawNode.Conv2d raw) {
    Token mode = raw.paddingMode();
    if (mode.text().equals(Padding.Mode.VALID.keyword())) {
      if (raw.padValue().isPresent()) {
        diagnostics.error(ErrorCode.BAD_PAD_VALUE, raw.padValue().get().span(), "valid padding reads no pad value; remove it");
        return Optional.empty();
      }
      return Optional.of(Padding.VALID);
    }
    if (!mode.text().equals(Padding.Mode.SAME.keyword())) {
      diagnostics.error(ErrorCode.BAD_PAD_VALUE, mode.span(), "padding '" + mode.text()
          + "' is not a padding mode; use valid, or same with a pad value (-1 or +1 on bits, a byte on bytes)");
      return Optional.empty();
    }
    if (raw.padValue().isEmpty()) {
      diagnostics.error(ErrorCode.BAD_PAD_VALUE, mode.span(), "same padding needs a pad value (-1 or +1 on bits, a byte on bytes)");
      return Optional.empty();
    }
    Token token = raw.padValue().get();
    var value = integer(token.text().startsWith("+") ? new Token(token.text().substring(1), token.span()) : token,
        "pad value");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get() < -1 || value.get() > 255) {
      diagnostics.error(ErrorCode.BAD_PAD_VALUE, token.span(), "pad value " + value.get()
          + " is neither a bit (-1 or +1) nor a byte (0..255)");
      return Optional.empty();
    }
    return Optional.of(Padding.same(value.get().intValue()));
  }

  private Optional<Node> buildPool(RawNode.MaxPool raw) {
    var size = size(raw.size(), "pool size");
    if (size.isEmpty()) {
      return Optional.empty();
    }
    MapShape in = mapByName.get(raw.source().text());
    if (in != null && in.height() % size.get() == 0 && in.width() % size.get() == 0) {
      declareMap(raw.name().text(), new MapShape(in.height() / size.get(), in.width() / size.get(), in.channels()));
    }
    return Optional.of(new Node.MaxPool(raw.name().text(), raw.source().text(), size.get(), raw.span()));
  }

  private Optional<Node> buildFlatten(RawNode.Flatten raw) {
    MapShape in = mapByName.get(raw.source().text());
    if (in != null) {
      declare(raw.name().text(), in.size());
    }
    return Optional.of(new Node.Flatten(raw.name().text(), raw.source().text(), raw.span()));
  }

  private void declareMap(String name, MapShape map) {
    if (!sizeByName.containsKey(name)) {
      sizeByName.put(name, map.size());
      mapByName.put(name, map);
    }
  }

  private Direction direction(Token token) {
    for (Direction d : Direction.values()) {
      if (d.keyword().equals(token.text())) {
        return d;
      }
    }
    diagnostics.error(ErrorCode.BAD_DIRECTION, token.span(), "threshold direction '" + token.text() + "' is not ge or le");
    return null;
  }

  private void declare(String name, int size) {
    sizeByName.putIfAbsent(name, size);
  }

  /**
   * The weight matrix of a dense or scores node. Its column count is the size of the source; when
   * the source is unknown (the validator will say so) the rows' own length is used.
   */
  private Optional<BitMatrix> matrix(Token name, Integer knownColumns, int declaredRows, List<RawNode.Row> rows,
      SourceSpan span) {
    if (rows.size() != declaredRows) {
      diagnostics.error(ErrorCode.ROW_COUNT_MISMATCH, span,
          "'" + name.text() + "' declares " + declaredRows + " outputs but has " + rows.size() + " weight rows");
      return Optional.empty();
    }
    Integer columns = knownColumns;
    if (columns == null) {
      columns = rows.get(0).words().size() * 32;
      if (columns == 0) {
        diagnostics.error(ErrorCode.ROW_LENGTH_MISMATCH, rows.get(0).span(), "weight row has no words");
        return Optional.empty();
      }
    }
    int perRow = BitMatrix.wordsFor(columns);
    int[][] packed = new int[rows.size()][];
    boolean ok = true;
    for (int r = 0; r < rows.size(); r++) {
      RawNode.Row row = rows.get(r);
      if (row.words().size() != perRow) {
        SourceSpan at = row.words().size() > perRow ? row.words().get(perRow).span() : row.span();
        diagnostics.error(ErrorCode.ROW_LENGTH_MISMATCH, at,
            "row " + r + " of '" + name.text() + "' has " + row.words().size() + " words; " + columns
                + " inputs need " + perRow + " (" + columns + " bits, 32 per word)");
        ok = false;
        continue;
      }
      packed[r] = new int[perRow];
      boolean rowOk = true;
      for (int w = 0; w < perRow; w++) {
        Token word = row.words().get(w);
        var value = hexWord(word);
        if (value.isEmpty()) {
          rowOk = false;
          continue;
        }
        packed[r][w] = value.get();
      }
      ok &= rowOk;
      int mask = BitMatrix.lastWordMask(columns);
      if (rowOk && (packed[r][perRow - 1] & ~mask) != 0) {
        diagnostics.error(ErrorCode.PADDING_BITS_SET, row.words().get(perRow - 1).span(),
            String.format("row %d of '%s': bits above %d in the last word must be 0 (word is 0x%08x, allowed mask 0x%08x)",
                r, name.text(), (columns - 1) & 31, packed[r][perRow - 1], mask));
        ok = false;
      }
    }
    return ok ? Optional.of(BitMatrix.fromPackedRows(columns, packed)) : Optional.empty();
  }

  /** A hex word {@code 0x} followed by 1 to 8 hex digits. */
  private Optional<Integer> hexWord(Token token) {
    String text = token.text();
    if (!text.startsWith("0x") && !text.startsWith("0X")) {
      diagnostics.error(ErrorCode.BAD_HEX_WORD, token.span(), "weight word '" + text + "' must be written 0x followed by hex digits");
      return Optional.empty();
    }
    String digits = text.substring(2);
    if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(ModelAssembler::isHexDigit)) {
      diagnostics.error(ErrorCode.BAD_HEX_WORD, token.span(),
          "weight word '" + text + "' must have 1 to 8 hex digits (32 bits), it has " + digits.length());
      return Optional.empty();
    }
    return Optional.of(Integer.parseUnsignedInt(digits, 16));
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private Optional<Integer> size(Token token, String what) {
    var value = integer(token, what);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get() < 1 || value.get() > ModelValidator.MAX_ELEMENTS) {
      diagnostics.error(ErrorCode.BAD_SIZE, token.span(),
          what + " " + value.get() + " is outside [1, " + ModelValidator.MAX_ELEMENTS + "]");
      return Optional.empty();
    }
    return Optional.of(value.get().intValue());
  }

  /** A decimal integer with optional sign that fits 64 bits. */
  private Optional<Long> integer(Token token, String what) {
    try {
      return Optional.of(Long.parseLong(token.text()));
    } catch (NumberFormatException e) {
      boolean numeric = token.text().matches("[+-]?[0-9]+");
      diagnostics.error(numeric ? ErrorCode.NUMBER_OUT_OF_RANGE : ErrorCode.SYNTAX, token.span(),
          numeric ? what + " " + token.text() + " does not fit 64 bits" : what + " '" + token.text() + "' is not an integer");
      return Optional.empty();
    }
  }
}
