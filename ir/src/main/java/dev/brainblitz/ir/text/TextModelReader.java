package dev.brainblitz.ir.text;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.diag.SourceTexts;
import dev.brainblitz.ir.syntax.ModelAssembler;
import dev.brainblitz.ir.syntax.RawNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Reads the text form ({@code .bil}) of a model. Parse trees stay inside this class: the ANTLR
 * tree becomes {@link RawNode}s, which {@link ModelAssembler} checks and turns into a {@link Model}
 * and its validated {@link Network}. Every problem is reported as a {@link DiagnosticException}.
 */
public final class TextModelReader {
  /** Syntax errors past this many are dropped: later ones are usually echoes of the first. */
  private static final int MAX_SYNTAX_ERRORS = 10;

  private TextModelReader() {}

  public static Network read(String fileName, String text) {
    var diagnostics = new Diagnostics(SourceTexts.of(fileName, text));
    var lexer = new BilLexer(CharStreams.fromString(text, fileName));
    lexer.removeErrorListeners();
    var parser = new BilParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(new SyntaxErrors(fileName, diagnostics));
    BilParser.FileContext tree = parser.file();
    diagnostics.throwIfAny();

    var builder = new TreeToRawNodes(fileName, diagnostics);
    Optional<Network> network = builder.model(tree);
    diagnostics.throwIfAny();
    return network.orElseThrow(() -> new IllegalStateException("no model and no diagnostics"));
  }

  /** Turns ANTLR's syntax errors into diagnostics with our codes. */
  private static final class SyntaxErrors extends BaseErrorListener {
    private final String fileName;
    private final Diagnostics diagnostics;
    private int count;

    SyntaxErrors(String fileName, Diagnostics diagnostics) {
      this.fileName = fileName;
      this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
        String message, RecognitionException e) {
      if (++count > MAX_SYNTAX_ERRORS) {
        return;
      }
      Token token = offendingSymbol instanceof Token t ? t : null;
      int length = token == null || token.getText() == null ? 1 : token.getText().length();
      SourceSpan span = SourceSpan.of(fileName, Math.max(1, line), column + 1, length);
      String expected = expected(recognizer);
      if (token != null && token.getType() == Token.EOF) {
        diagnostics.error(ErrorCode.UNEXPECTED_EOF, span,
            "the file ends too early (truncated?)" + (expected.isEmpty() ? "" : "; expected " + expected));
      } else if (token != null && token.getType() == BilLexer.BAD_CHAR) {
        diagnostics.error(ErrorCode.BAD_CHARACTER, span,
            "character '" + printable(token.getText()) + "' is not allowed here");
      } else if (token != null && !expected.isEmpty()) {
        diagnostics.error(ErrorCode.SYNTAX, span, "unexpected " + describe(token) + "; expected " + expected);
      } else {
        diagnostics.error(ErrorCode.SYNTAX, span, message);
      }
    }

    private static String describe(Token token) {
      return switch (token.getType()) {
        case BilLexer.NEWLINE -> "end of line";
        case BilLexer.INT -> "number " + token.getText();
        case BilLexer.HEX -> "hex word " + token.getText();
        case BilLexer.SHAPE -> "shape " + token.getText();
        case BilLexer.IDENT -> "name '" + token.getText() + "'";
        default -> "'" + token.getText() + "'";
      };
    }

    /** What the parser would have accepted at the error, in words. */
    private static String expected(Recognizer<?, ?> recognizer) {
      if (!(recognizer instanceof org.antlr.v4.runtime.Parser parser)) {
        return "";
      }
      var names = new java.util.TreeSet<String>();
      for (int type : parser.getExpectedTokens().toList()) {
        names.add(switch (type) {
          case BilLexer.NEWLINE -> "end of line";
          case BilLexer.INT -> "a number";
          case BilLexer.HEX -> "a hex word";
          case BilLexer.SHAPE -> "a shape HxWxC";
          case BilLexer.IDENT -> "a name";
          case Token.EOF -> "end of file";
          default -> parser.getVocabulary().getDisplayName(type);
        });
      }
      if (names.isEmpty() || names.size() > 8) {
        return "";
      }
      var list = new java.util.ArrayList<>(names);
      return list.size() == 1 ? list.get(0) : String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static String printable(String text) {
      return text.codePoints().allMatch(c -> c >= 32 && c < 127) ? text : String.format("\\u%04x", (int) text.charAt(0));
    }
  }

  /** The visitor half: parse tree to raw nodes. */
  private static final class TreeToRawNodes {
    private final String fileName;
    private final Diagnostics diagnostics;

    TreeToRawNodes(String fileName, Diagnostics diagnostics) {
      this.fileName = fileName;
      this.diagnostics = diagnostics;
    }

    Optional<Network> model(BilParser.FileContext file) {
      var version = token(file.header().version);
      if (!version.text().equals(Integer.toString(Model.FORMAT_VERSION))) {
        diagnostics.error(ErrorCode.UNSUPPORTED_VERSION, version.span(),
            "this is brain-blitz model format version " + version.text() + "; this build reads version "
                + Model.FORMAT_VERSION);
        return Optional.empty();
      }
      var model = file.model();
      List<RawNode> nodes = new ArrayList<>();
      for (BilParser.NodeContext node : model.node()) {
        nodes.add(node(node));
      }
      var name = token(model.name);
      return ModelAssembler.assemble(name, nodes, name.span(), diagnostics);
    }

    private RawNode node(BilParser.NodeContext node) {
      if (node.input() != null) {
        var in = node.input();
        return new RawNode.Input(token(in.name), token(in.kind), token(in.size), token(in.name).span());
      } else if (node.dense() != null) {
        var dense = node.dense();
        return new RawNode.Dense(token(dense.name), token(dense.source), token(dense.outputs),
            rows(dense.row(), dense), token(dense.name).span());
      } else if (node.threshold() != null) {
        var threshold = node.threshold();
        List<RawNode.Level> levels = new ArrayList<>();
        for (BilParser.LevelContext level : threshold.level()) {
          levels.add(new RawNode.Level(token(level.direction), integers(level.integer()), span(level)));
        }
        return new RawNode.Threshold(token(threshold.name), token(threshold.source), levels, token(threshold.name).span());
      } else if (node.conv2d() != null) {
        var conv = node.conv2d();
        var shape = conv.convShape();
        var padding = shape.padding();
        Optional<dev.brainblitz.ir.syntax.Token> value = padding.value == null ? Optional.empty()
            : Optional.of(signed(padding.value));
        return new RawNode.Conv2d(token(conv.name), token(conv.source), token(conv.outputs), dimensions(shape.image),
            token(shape.kernel), token(shape.stride), token(padding.kind), value, rows(conv.row(), conv),
            token(conv.name).span());
      } else if (node.maxpool() != null) {
        var pool = node.maxpool();
        return new RawNode.MaxPool(token(pool.name), token(pool.source), token(pool.size), token(pool.name).span());
      } else if (node.flatten() != null) {
        var flatten = node.flatten();
        return new RawNode.Flatten(token(flatten.name), token(flatten.source), token(flatten.name).span());
      } else {
        var scores = node.scores();
        Optional<List<dev.brainblitz.ir.syntax.Token>> bias =
            scores.bias() == null ? Optional.empty() : Optional.of(integers(scores.bias().integer()));
        return new RawNode.Scores(token(scores.name), token(scores.source), token(scores.classes),
            rows(scores.row(), scores), bias, token(scores.name).span());
      }
    }

    private List<RawNode.Row> rows(List<BilParser.RowContext> rows, ParserRuleContext owner) {
      List<RawNode.Row> result = new ArrayList<>();
      for (BilParser.RowContext row : rows) {
        List<dev.brainblitz.ir.syntax.Token> words = new ArrayList<>();
        for (var hex : row.HEX()) {
          words.add(token(hex.getSymbol()));
        }
        result.add(new RawNode.Row(words, span(row)));
      }
      return result;
    }

    private List<dev.brainblitz.ir.syntax.Token> integers(List<BilParser.IntegerContext> integers) {
      List<dev.brainblitz.ir.syntax.Token> result = new ArrayList<>();
      for (BilParser.IntegerContext integer : integers) {
        var start = integer.getStart();
        String text = integer.MINUS() == null ? integer.INT().getText() : "-" + integer.INT().getText();
        int length = integer.getStop().getStopIndex() - start.getStartIndex() + 1;
        result.add(new dev.brainblitz.ir.syntax.Token(text,
            SourceSpan.of(fileName, start.getLine(), start.getCharPositionInLine() + 1, length)));
      }
      return result;
    }

    /** The three numbers of a shape token {@code HxWxC}, each with its own position. */
    private List<dev.brainblitz.ir.syntax.Token> dimensions(Token shape) {
      List<dev.brainblitz.ir.syntax.Token> result = new ArrayList<>();
      String text = shape.getText();
      int start = 0;
      for (String part : text.split("x", -1)) {
        result.add(new dev.brainblitz.ir.syntax.Token(part,
            SourceSpan.of(fileName, shape.getLine(), shape.getCharPositionInLine() + 1 + start, part.length())));
        start += part.length() + 1;
      }
      return result;
    }

    private dev.brainblitz.ir.syntax.Token signed(BilParser.SignedContext signed) {
      var start = signed.getStart();
      String text = (signed.MINUS() != null ? "-" : signed.PLUS() != null ? "+" : "") + signed.INT().getText();
      int length = signed.getStop().getStopIndex() - start.getStartIndex() + 1;
      return new dev.brainblitz.ir.syntax.Token(text,
          SourceSpan.of(fileName, start.getLine(), start.getCharPositionInLine() + 1, length));
    }

    private dev.brainblitz.ir.syntax.Token token(BilParser.IdentifierContext identifier) {
      return token(identifier.getStart());
    }

    private dev.brainblitz.ir.syntax.Token token(Token token) {
      return new dev.brainblitz.ir.syntax.Token(token.getText(),
          SourceSpan.of(fileName, token.getLine(), token.getCharPositionInLine() + 1, token.getText().length()));
    }

    private SourceSpan span(ParserRuleContext context) {
      Token start = context.getStart();
      int length = context.getStop() == null || context.getStop().getLine() != start.getLine()
          ? 1
          : context.getStop().getStopIndex() - start.getStartIndex() + 1;
      return SourceSpan.of(fileName, start.getLine(), start.getCharPositionInLine() + 1, length);
    }
  }
}
