package dev.brainblitz.train.nn;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a network as {@code blitz train --arch} spells it (docs/train.md): either
 * {@link FullyConnected} layer sizes ({@code 784-256-256-10}) or a {@link Convolutional} stack
 * ({@code c32-c32-p-c64-c64-p-f256-10}) whose input shape comes from the images.
 */
public sealed interface Architecture permits Architecture.FullyConnected, Architecture.Convolutional {
  /** The number of classes (the last token). */
  int classes();

  /** The text this architecture was parsed from, canonical. */
  String text();

  /** Input, hidden..., classes. */
  record FullyConnected(int[] sizes) implements Architecture {
    public FullyConnected {
      sizes = sizes.clone();
    }

    @Override
    public int[] sizes() {
      return sizes.clone();
    }

    @Override
    public int classes() {
      return sizes[sizes.length - 1];
    }

    @Override
    public String text() {
      return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FullyConnected f && Arrays.equals(sizes, f.sizes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /** Convolution stages, then hidden dense layers, then the classes. */
  record Convolutional(List<Stage> stages, int classes) implements Architecture {
    public Convolutional {
      stages = List.copyOf(stages);
    }

    @Override
    public String text() {
      List<String> tokens = new ArrayList<>(stages.stream().map(Stage::text).toList());
      tokens.add(Integer.toString(classes));
      return String.join("-", tokens);
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /** One token of a convolutional architecture. */
  sealed interface Stage permits Conv, Pool, Hidden {
    String text();
  }

  /** Which padding a convolution declares; the pad element depends on the kind of its input. */
  enum Pad {
    /** {@code valid}: no padding. */
    VALID("v"),
    /** {@code same}, padded with the smallest element: byte 0 (black) or -1. The default. */
    SAME_LOW(""),
    /** {@code same}, padded with the largest element: byte 255 or +1. */
    SAME_HIGH("+");

    private final String suffix;

    Pad(String suffix) {
      this.suffix = suffix;
    }
  }

  /** {@code c<channels>[k<kernel>][s<stride>][v|+]}: a KxK convolution, batch-norm and activation. */
  record Conv(int channels, int kernel, int stride, Pad pad) implements Stage {
    @Override
    public String text() {
      return "c" + channels + (kernel != 3 ? "k" + kernel : "") + (stride != 1 ? "s" + stride : "") + pad.suffix;
    }
  }

  /** {@code p[<size>]}: max-pooling over size x size windows with stride size (default 2). */
  record Pool(int size) implements Stage {
    @Override
    public String text() {
      return size == 2 ? "p" : "p" + size;
    }
  }

  /** {@code f<neurons>}: a hidden dense layer (after an implicit flatten). */
  record Hidden(int neurons) implements Stage {
    @Override
    public String text() {
      return "f" + neurons;
    }
  }

  /** The largest size a token may give. */
  int MAX_SIZE = 1 << 16;

  /**
   * {@code 784-256-256-10} or {@code c32-c32-p-c64-c64-p-f256-10}; a malformed text is
   * {@link ErrorCode#TRAIN_BAD_ARCH} naming the token.
   */
  static Architecture parse(String text) {
    Pattern convPattern = Pattern.compile("c(\\d+)(?:k(\\d+))?(?:s(\\d+))?(v|\\+)?");
    Pattern poolPattern = Pattern.compile("p(\\d+)?");
    Pattern hiddenPattern = Pattern.compile("f(\\d+)");
    Pattern number = Pattern.compile("\\d+");
    String[] tokens = text.trim().split("-", -1);
    if (Arrays.stream(tokens).allMatch(t -> number.matcher(t.trim()).matches())) {
      int[] sizes = new int[tokens.length];
      for (int k = 0; k < tokens.length; k++) {
        sizes[k] = size(tokens[k].trim(), text);
      }
      check(sizes.length >= 2, "architecture '" + text + "' needs at least an input and an output size");
      return new FullyConnected(sizes);
    }
    List<Stage> stages = new ArrayList<>();
    boolean dense = false;
    for (int k = 0; k < tokens.length - 1; k++) {
      String token = tokens[k].trim();
      Matcher conv = convPattern.matcher(token);
      Matcher pool = poolPattern.matcher(token);
      Matcher hidden = hiddenPattern.matcher(token);
      if (conv.matches()) {
        check(!dense, "architecture '" + text + "': convolution '" + token + "' after a dense layer");
        Pad pad = conv.group(4) == null ? Pad.SAME_LOW : conv.group(4).equals("v") ? Pad.VALID : Pad.SAME_HIGH;
        stages.add(new Conv(size(conv.group(1), text), conv.group(2) == null ? 3 : size(conv.group(2), text),
            conv.group(3) == null ? 1 : size(conv.group(3), text), pad));
      } else if (pool.matches()) {
        check(!stages.isEmpty() && !dense, "architecture '" + text + "': pooling '" + token
            + "' must follow a convolution");
        stages.add(new Pool(pool.group(1) == null ? 2 : size(pool.group(1), text)));
      } else if (hidden.matches()) {
        check(!stages.isEmpty(), "architecture '" + text + "': a convolutional architecture starts with a"
            + " convolution (cN); pure dense networks are written as sizes, e.g. 784-256-10");
        dense = true;
        stages.add(new Hidden(size(hidden.group(1), text)));
      } else {
        throw error("architecture '" + text + "': '" + token + "' is not a layer; use cN[kK][sS][v|+] (convolution),"
            + " p[K] (max-pool), fN (dense) and the number of classes last, e.g. c32-c32-p-c64-c64-p-f256-10");
      }
    }
    String last = tokens[tokens.length - 1].trim();
    check(number.matcher(last).matches(), "architecture '" + text + "' must end with the number of classes, not '"
        + last + "'");
    check(stages.stream().anyMatch(s -> s instanceof Conv), "architecture '" + text
        + "' has no convolution; a convolutional architecture starts with cN");
    check(stages.get(0) instanceof Conv, "architecture '" + text + "' must start with a convolution");
    return new Convolutional(stages, size(last, text));
  }

  private static int size(String digits, String text) {
    int value;
    try {
      value = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      value = -1;
    }
    check(value >= 1 && value <= MAX_SIZE, "architecture '" + text + "': " + digits
        + " is not a size between 1 and " + MAX_SIZE);
    return value;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw error(message);
    }
  }

  private static DiagnosticException error(String message) {
    return new DiagnosticException(new Diagnostic(ErrorCode.TRAIN_BAD_ARCH, SourceSpan.UNKNOWN, message));
  }
}
