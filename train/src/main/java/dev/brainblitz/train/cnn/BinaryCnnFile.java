package dev.brainblitz.train.cnn;

import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checkpoint of a trained binary CNN ({@code .bcnn}, docs/train.md "Binary CNN checkpoint"):
 * a line-based text file with the shapes, the weights as bits and the thresholds as integers.
 *
 * <pre>
 * brain-blitz-binary-cnn 1
 * name fashion_cnn
 * input u8 28x28x1
 * conv2d 32 kernel 3 stride 1 same 0      # then 32 weight rows, then 32 thresholds
 *   0x000001a5
 *   ...
 *   ge -120
 *   ...
 * maxpool 2
 * flatten
 * dense 256                               # 256 rows, 256 thresholds
 * scores 10                               # 10 rows, then optionally: bias b0 ... b9
 * </pre>
 *
 * A weight row is its 32-bit words in hex, word 0 first, element i being bit (i mod 32) of word
 * (i div 32), as in the IL's text form; a threshold is {@code ge t} or {@code le t}. {@code #}
 * starts a comment; indentation and blank lines are free. Writing is deterministic and reading
 * a written file gives back an equal network. A malformed file is a diagnostic with its position:
 * the IL's codes where they mean the same thing (BIL001 syntax, BIL003 version, BIL004 truncated,
 * BIL005 number too large, BIL021/BIL022/BIL023 rows, BIL031/BIL034 thresholds, BIL050 input kind,
 * BIL060 name, BIL090 unreadable), DAT008 for shapes that do not fit together.
 */
public final class BinaryCnnFile {
  public static final String MAGIC = "brain-blitz-binary-cnn";
  public static final int VERSION = 1;
  public static final String EXTENSION = ".bcnn";

  private BinaryCnnFile() {}

  /** The text of {@code cnn}; {@code header} lines (may be empty) become leading comments. */
  public static String render(BinaryCnn cnn, List<String> header) {
    StringBuilder out = new StringBuilder();
    for (String line : header) {
      out.append("# ").append(line).append('\n');
    }
    out.append(MAGIC).append(' ').append(VERSION).append('\n');
    out.append("name ").append(cnn.name()).append('\n');
    out.append("input ").append(cnn.inputKind().keyword()).append(' ').append(cnn.height()).append('x')
        .append(cnn.width()).append('x').append(cnn.channels()).append('\n');
    List<BinaryCnn.Tensor> inputs = cnn.inputs();
    for (int k = 0; k < cnn.layers().size(); k++) {
      BinaryCnn.Layer layer = cnn.layers().get(k);
      switch (layer.op()) {
        case CONV2D -> {
          BinaryCnn.Conv c = (BinaryCnn.Conv) layer;
          out.append("conv2d ").append(c.outChannels()).append(" kernel ").append(c.kernel()).append(" stride ")
              .append(c.stride()).append(' ').append(c.padding().text(inputs.get(k).kind())).append('\n');
          rows(out, c.weights());
          thresholds(out, c.thresholds());
        }
        case MAXPOOL -> out.append("maxpool ").append(((BinaryCnn.MaxPool) layer).size()).append('\n');
        case FLATTEN -> out.append("flatten\n");
        case DENSE -> {
          BinaryCnn.Dense d = (BinaryCnn.Dense) layer;
          out.append("dense ").append(d.weights().rows()).append('\n');
          rows(out, d.weights());
          thresholds(out, d.thresholds());
        }
        case SCORES -> {
          BinaryCnn.Scores s = (BinaryCnn.Scores) layer;
          out.append("scores ").append(s.classes()).append('\n');
          rows(out, s.weights());
          int[] bias = s.bias();
          if (java.util.Arrays.stream(bias).anyMatch(b -> b != 0)) {
            out.append("  bias");
            for (int b : bias) {
              out.append(' ').append(b);
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  private static void rows(StringBuilder out, BitMatrix w) {
    for (int r = 0; r < w.rows(); r++) {
      out.append(' ');
      for (int i = 0; i < w.wordsPerRow(); i++) {
        out.append(String.format(Locale.ROOT, " 0x%08x", w.word(r, i)));
      }
      out.append('\n');
    }
  }

  private static void thresholds(StringBuilder out, ThresholdTable t) {
    for (int j = 0; j < t.neurons(); j++) {
      out.append("  ").append(t.direction(j).keyword()).append(' ').append(t.threshold(j)).append('\n');
    }
  }

  /** Writes {@code cnn} to {@code path} all or nothing (BIL092 when it cannot). */
  public static void write(BinaryCnn cnn, List<String> header, Path path) {
    AtomicFiles.write(path, render(cnn, header));
  }

  public static BinaryCnn read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile(path.toString()),
          "cannot read '" + path + "': " + (Files.exists(path) ? e.getMessage() : "no such file")));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile(path.toString()),
          "'" + path + "' is not UTF-8 text"));
    }
    return parse(text, path.toString());
  }

  /** The network in {@code text}; {@code file} names it in diagnostics. */
  public static BinaryCnn parse(String text, String file) {
    return new Reader(text, file).network();
  }

  /** One line's words with their columns. */
  private record Line(int number, List<String> words, List<Integer> columns, String text) {}

  private static final class Reader {
    private final String file;
    private final List<Line> lines = new ArrayList<>();
    private int next;
    private int lastLine;

    Reader(String text, String file) {
      this.file = file;
      String[] raw = text.split("\r?\n", -1);
      for (int i = 0; i < raw.length; i++) {
        String line = raw[i];
        int hash = line.indexOf('#');
        String content = hash >= 0 ? line.substring(0, hash) : line;
        List<String> words = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        int c = 0;
        while (c < content.length()) {
          if (content.charAt(c) == ' ' || content.charAt(c) == '\t') {
            c++;
            continue;
          }
          int start = c;
          while (c < content.length() && content.charAt(c) != ' ' && content.charAt(c) != '\t') {
            c++;
          }
          words.add(content.substring(start, c));
          columns.add(start + 1);
        }
        if (!words.isEmpty()) {
          lines.add(new Line(i + 1, words, columns, line));
        }
        lastLine = i + 1;
      }
    }

    private DiagnosticException error(ErrorCode code, Line line, int word, String message) {
      if (line == null) {
        return new DiagnosticException(new Diagnostic(code, SourceSpan.of(file, lastLine, 1, 1), message));
      }
      int w = Math.min(word, line.words().size() - 1);
      return new DiagnosticException(new Diagnostic(code, SourceSpan.of(file, line.number(), line.columns().get(w),
          Math.max(1, line.words().get(w).length())), message));
    }

    private Line take(String what) {
      if (next >= lines.size()) {
        throw error(ErrorCode.UNEXPECTED_EOF, null, 0, "the file ends where " + what + " belongs (truncated?)");
      }
      return lines.get(next++);
    }

    private Line keyword(String keyword, int words) {
      Line line = take("'" + keyword + "'");
      if (!line.words().get(0).equals(keyword)) {
        throw error(ErrorCode.SYNTAX, line, 0, "expected '" + keyword + "', found '" + line.words().get(0) + "'");
      }
      if (line.words().size() != words) {
        throw error(ErrorCode.SYNTAX, line, Math.min(words, line.words().size() - 1), "'" + keyword + "' takes "
            + (words - 1) + " value(s)");
      }
      return line;
    }

    private long number(Line line, int word, long min, long max) {
      String w = line.words().get(word);
      long value;
      try {
        value = Long.parseLong(w.startsWith("+") ? w.substring(1) : w);
      } catch (NumberFormatException e) {
        if (w.matches("[+-]?\\d+")) {
          throw error(ErrorCode.NUMBER_OUT_OF_RANGE, line, word, "'" + w + "' is too large");
        }
        throw error(ErrorCode.SYNTAX, line, word, "expected a number, found '" + w + "'");
      }
      if (value < min || value > max) {
        throw error(ErrorCode.NUMBER_OUT_OF_RANGE, line, word, value + " is outside [" + min + ", " + max + "]");
      }
      return value;
    }

    BinaryCnn network() {
      Line magic = take("the header '" + MAGIC + " " + VERSION + "'");
      if (!magic.words().get(0).equals(MAGIC) || magic.words().size() != 2) {
        throw error(ErrorCode.SYNTAX, magic, 0, "not a binary CNN checkpoint: the first line must be '" + MAGIC + " "
            + VERSION + "'");
      }
      if (!magic.words().get(1).equals(Integer.toString(VERSION))) {
        throw error(ErrorCode.UNSUPPORTED_VERSION, magic, 1, "version " + magic.words().get(1)
            + " of the checkpoint format; this build reads version " + VERSION);
      }
      Line nameLine = keyword("name", 2);
      String name = nameLine.words().get(1);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw error(ErrorCode.BAD_NAME, nameLine, 1, "'" + name + "' is not an identifier");
      }
      Line input = keyword("input", 3);
      InputKind kind = InputKind.fromKeyword(input.words().get(1)).orElseThrow(() -> error(ErrorCode.BAD_INPUT_KIND,
          input, 1, "input kind '" + input.words().get(1) + "' is not u8 or bipolar"));
      String[] dims = input.words().get(2).split("x", -1);
      if (dims.length != 3 || !input.words().get(2).matches("\\d+x\\d+x\\d+")) {
        throw error(ErrorCode.SYNTAX, input, 2, "the input shape is HxWxC, e.g. 28x28x1");
      }
      int[] shape = new int[3];
      for (int i = 0; i < 3; i++) {
        try {
          shape[i] = Integer.parseInt(dims[i]);
        } catch (NumberFormatException e) {
          shape[i] = -1;
        }
        if (shape[i] < 1 || shape[i] > 1 << 16) {
          throw error(ErrorCode.NUMBER_OUT_OF_RANGE, input, 2, "input sizes lie in [1, 65536]");
        }
      }
      List<BinaryCnn.Layer> layers = new ArrayList<>();
      BinaryCnn.Tensor t = new BinaryCnn.Tensor(shape[0], shape[1], shape[2], false, kind);
      while (next < lines.size()) {
        Line line = lines.get(next);
        BinaryCnn.Layer layer = layer(line, t);
        boolean last = next >= lines.size();
        if (last && layer.op() != BinaryCnn.Op.SCORES) {
          throw error(ErrorCode.UNEXPECTED_EOF, null, 0, "the network ends without a scores layer (truncated?)");
        }
        String problem = BinaryCnn.problem(t, layer, last);
        if (problem != null) {
          throw error(ErrorCode.TRAIN_BAD_ARCH, line, 0, "layer " + (layers.size() + 1) + ": " + problem);
        }
        layers.add(layer);
        t = BinaryCnn.next(t, layer);
      }
      if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof BinaryCnn.Scores)) {
        throw error(ErrorCode.UNEXPECTED_EOF, null, 0, "the network ends without a scores layer (truncated?)");
      }
      return new BinaryCnn(name, kind, shape[0], shape[1], shape[2], layers);
    }

    /** The layer starting at {@code line} (consumed with its rows), reading {@code in}. */
    private BinaryCnn.Layer layer(Line line, BinaryCnn.Tensor in) {
      next++;
      String op = line.words().get(0);
      switch (op) {
        case "conv2d" -> {
          // conv2d OUT kernel K stride S (valid | same V)
          int size = line.words().size();
          String form = "expected 'conv2d OUT kernel K stride S valid' or '... same V'";
          for (int i = 2; i <= 4; i += 2) {
            if (size > i && !line.words().get(i).equals(i == 2 ? "kernel" : "stride")) {
              throw error(ErrorCode.SYNTAX, line, i, form);
            }
          }
          if (size < 7) {
            throw error(ErrorCode.SYNTAX, line, size - 1, form);
          }
          int out = (int) number(line, 1, 1, 1 << 16);
          int kernel = (int) number(line, 3, 1, 1 << 10);
          int stride = (int) number(line, 5, 1, 1 << 10);
          Padding padding;
          String mode = line.words().get(6);
          if (mode.equals("valid") && size == 7) {
            padding = Padding.VALID;
          } else if (mode.equals("same") && size == 8) {
            padding = Padding.same((int) number(line, 7, -1, 255));
          } else {
            throw error(ErrorCode.SYNTAX, line, 6, "padding is 'valid' or 'same V' (V the pad element)");
          }
          if (in.flat() || !padding.fits(in.kind())) {
            String problem = in.flat() ? "a convolution reads a feature map, not a flattened vector"
                : "pad value " + padding.value() + " is not an element of its " + in.kind().keyword() + " input";
            throw error(ErrorCode.TRAIN_BAD_ARCH, line, in.flat() ? 0 : 7, problem);
          }
          int fanIn = kernel * kernel * in.channels();
          BitMatrix w = rows(out, fanIn);
          return new BinaryCnn.Conv(kernel, stride, padding, w, thresholds(out, in.kind(), fanIn));
        }
        case "maxpool" -> {
          expectWords(line, 2);
          return new BinaryCnn.MaxPool((int) number(line, 1, 1, 1 << 10));
        }
        case "flatten" -> {
          expectWords(line, 1);
          return new BinaryCnn.Flatten();
        }
        case "dense" -> {
          expectWords(line, 2);
          int out = (int) number(line, 1, 1, 1 << 20);
          BitMatrix w = rows(out, in.size());
          return new BinaryCnn.Dense(w, thresholds(out, in.kind(), in.size()));
        }
        case "scores" -> {
          expectWords(line, 2);
          int classes = (int) number(line, 1, 1, 1 << 20);
          BitMatrix w = rows(classes, in.size());
          int[] bias = new int[classes];
          if (next < lines.size() && lines.get(next).words().get(0).equals("bias")) {
            Line b = lines.get(next++);
            if (b.words().size() != classes + 1) {
              throw error(ErrorCode.BIAS_COUNT_MISMATCH, b, 0, (b.words().size() - 1) + " biases for " + classes
                  + " classes");
            }
            for (int c = 0; c < classes; c++) {
              bias[c] = (int) number(b, c + 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
          }
          return new BinaryCnn.Scores(w, bias);
        }
        default -> throw error(ErrorCode.SYNTAX, line, 0, "'" + op
            + "' is not a layer (conv2d, maxpool, flatten, dense, scores)");
      }
    }

    private void expectWords(Line line, int words) {
      if (line.words().size() != words) {
        throw error(ErrorCode.SYNTAX, line, Math.min(words, line.words().size() - 1), "'" + line.words().get(0)
            + "' takes " + (words - 1) + " value(s)");
      }
    }

    private BitMatrix rows(int count, int columns) {
      int perRow = BitMatrix.wordsFor(columns);
      int[][] rows = new int[count][];
      for (int r = 0; r < count; r++) {
        Line line = take("weight row " + r);
        if (!line.words().get(0).startsWith("0x")) {
          throw error(ErrorCode.ROW_LENGTH_MISMATCH, line, 0, "expected weight row " + r + " of " + count
              + " (hex words), found '" + line.words().get(0) + "'");
        }
        if (line.words().size() != perRow) {
          throw error(ErrorCode.ROW_LENGTH_MISMATCH, line, Math.min(perRow, line.words().size() - 1), "weight row "
              + r + " has " + line.words().size() + " words; " + columns + " inputs need " + perRow);
        }
        rows[r] = new int[perRow];
        for (int i = 0; i < perRow; i++) {
          String word = line.words().get(i);
          if (!word.matches("0x[0-9a-fA-F]{1,8}")) {
            throw error(ErrorCode.BAD_HEX_WORD, line, i, "'" + word + "' is not 0x followed by 1 to 8 hex digits");
          }
          rows[r][i] = Integer.parseUnsignedInt(word.substring(2), 16);
        }
        if ((rows[r][perRow - 1] & ~BitMatrix.lastWordMask(columns)) != 0) {
          throw error(ErrorCode.PADDING_BITS_SET, line, perRow - 1, "bits above input " + (columns - 1)
              + " are set in the last word");
        }
      }
      return BitMatrix.fromPackedRows(columns, rows);
    }

    private ThresholdTable thresholds(int count, InputKind kind, int fanIn) {
      long low = dev.brainblitz.ir.Accumulator.minThreshold(kind, fanIn);
      long high = dev.brainblitz.ir.Accumulator.maxThreshold(kind, fanIn);
      long[] values = new long[count];
      Direction[] directions = new Direction[count];
      for (int j = 0; j < count; j++) {
        Line line = take("threshold " + j);
        String d = line.words().get(0);
        if (!d.equals("ge") && !d.equals("le")) {
          throw error(d.startsWith("0x") ? ErrorCode.SYNTAX : ErrorCode.BAD_DIRECTION, line, 0, "expected threshold "
              + j + " of " + count + " ('ge T' or 'le T'), found '" + d + "'");
        }
        if (line.words().size() != 2) {
          throw error(ErrorCode.SYNTAX, line, Math.min(2, line.words().size() - 1), "a threshold is 'ge T' or 'le T'");
        }
        directions[j] = d.equals("ge") ? Direction.GE : Direction.LE;
        values[j] = number(line, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        if (values[j] < low || values[j] > high) {
          throw error(ErrorCode.THRESHOLD_OUT_OF_RANGE, line, 1, "threshold " + values[j] + " is outside [" + low + ", "
              + high + "], the accumulator's range widened by one");
        }
      }
      return ThresholdTable.of(values, directions);
    }
  }
}
