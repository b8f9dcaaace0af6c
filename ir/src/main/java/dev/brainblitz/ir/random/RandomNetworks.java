package dev.brainblitz.ir.random;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of valid networks and input vectors, shared by the tests of every backend and
 * by {@code blitz verify}. The same seed always gives the same network and vectors.
 *
 * <p>Thresholds are drawn near the middle of each neuron's likely accumulator values, so that
 * activations are mixed rather than constant, with some at the extremes of the legal range and
 * about a third flipped ({@code le}).
 */
public final class RandomNetworks {
  private RandomNetworks() {}

  /**
   * A random valid network: either input kind, 0 to 3 hidden layers, odd sizes (rarely multiples of
   * 32 or 64), and 1 to 12 classes, with or without bias.
   */
  public static Network network(long seed) {
    Random random = new Random(scramble(seed));
    InputKind kind = random.nextBoolean() ? InputKind.BIPOLAR : InputKind.U8;
    int hidden = random.nextInt(4);
    int[] sizes = new int[hidden + 2];
    sizes[0] = randomWidth(random, 300);
    for (int i = 1; i <= hidden; i++) {
      sizes[i] = randomWidth(random, 160);
    }
    sizes[hidden + 1] = 1 + random.nextInt(12);
    return mlp("random_" + Long.toUnsignedString(seed, 16), random, kind, sizes, random.nextBoolean());
  }

  /**
   * A random valid convolutional network: a u8 or bipolar image (odd, rectangular sizes, 1 to 3 or
   * sometimes 33 or 65 channels), 1 to 3 convolutions (kernel 1 to 4, stride 1 or 2, every padding
   * mode: valid, same with pad -1 or +1 on bits, same with a byte on bytes; channel counts rarely
   * multiples of 32 or 64), max-pools where they tile, a flatten, 0 or 1 dense layer, and scores.
   */
  public static Network convNetwork(long seed) {
    Random random = new Random(scramble(seed ^ 0x5EED_C0DEL));
    InputKind kind = random.nextBoolean() ? InputKind.BIPOLAR : InputKind.U8;
    int height = 2 + random.nextInt(9);
    int width = 2 + random.nextInt(9);
    int channels = switch (random.nextInt(8)) {
      case 0 -> 33;
      case 1 -> 65;
      default -> 1 + random.nextInt(3);
    };
    if (channels > 3) {
      height = Math.min(height, 5);
      width = Math.min(width, 5);
    }
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node.Input("x", kind, height * width * channels));
    MapShape map = new MapShape(height, width, channels);
    String previous = "x";
    InputKind layerKind = kind;
    int convs = 1 + random.nextInt(3);
    for (int layer = 1; layer <= convs; layer++) {
      int kernel = 1;
      int stride = 1;
      Padding padding = Padding.VALID;
      for (int attempt = 0; attempt < 30; attempt++) {
        int k = 1 + random.nextInt(4);
        int s = 1 + random.nextInt(2);
        boolean same = random.nextBoolean();
        Padding p = same ? Padding.same(padValue(random, layerKind)) : Padding.VALID;
        if (ConvGeometry.problem(map.height(), map.width(), map.channels(), k, s, p.mode(), 1) == null) {
          kernel = k;
          stride = s;
          padding = p;
          break;
        }
      }
      int out = switch (random.nextInt(6)) {
        case 0 -> 32;
        case 1 -> 64 + random.nextInt(3);
        default -> 1 + random.nextInt(12);
      };
      ConvGeometry geometry = ConvGeometry.of(map, kernel, stride, padding, out);
      BitMatrix weights = randomBits(random, out, geometry.fanIn());
      String conv = "conv" + layer;
      String act = "cact" + layer;
      nodes.add(new Node.Conv2d(conv, previous, map, kernel, stride, padding, weights));
      nodes.add(new Node.Threshold(act, conv, randomThresholds(random, weights, layerKind)));
      previous = act;
      map = geometry.out();
      layerKind = InputKind.BIPOLAR;
      int pools = random.nextBoolean() ? 1 + random.nextInt(2) : 0;
      for (int p = 0; p < pools; p++) {
        int size = random.nextInt(3) == 0 ? 3 : 2;
        if (map.height() % size == 0 && map.width() % size == 0) {
          String pool = "pool" + layer + "_" + p;
          nodes.add(new Node.MaxPool(pool, previous, size));
          previous = pool;
          map = new MapShape(map.height() / size, map.width() / size, map.channels());
        }
      }
    }
    nodes.add(new Node.Flatten("flat", previous));
    previous = "flat";
    int columns = map.size();
    if (random.nextBoolean()) {
      int hidden = randomWidth(random, 70);
      BitMatrix weights = randomBits(random, hidden, columns);
      nodes.add(new Node.Dense("fc", previous, weights));
      nodes.add(new Node.Threshold("act", "fc", randomThresholds(random, weights, InputKind.BIPOLAR)));
      previous = "act";
      columns = hidden;
    }
    int classes = 1 + random.nextInt(10);
    List<Integer> bias = new ArrayList<>();
    boolean withBias = random.nextBoolean();
    for (int c = 0; c < classes; c++) {
      bias.add(withBias ? random.nextInt(41) - 20 : 0);
    }
    nodes.add(new Node.Scores("out", previous, randomBits(random, classes, columns), bias));
    return ModelValidator.validate(new Model("conv_" + Long.toUnsignedString(seed, 16), nodes));
  }

  /** A pad element of {@code kind}: -1 or +1 on bits; on bytes 0, 255 or any byte. */
  private static int padValue(Random random, InputKind kind) {
    if (kind == InputKind.BIPOLAR) {
      return random.nextBoolean() ? 1 : -1;
    }
    return switch (random.nextInt(3)) {
      case 0 -> 0;
      case 1 -> 255;
      default -> random.nextInt(256);
    };
  }

  /**
   * Spreads the seed over all 64 bits (SplitMix64's finalizer). {@code java.util.Random}'s first
   * outputs for small neighbouring seeds are nearly equal: seeded directly with 0..999, every
   * network came out bipolar.
   */
  private static long scramble(long seed) {
    long z = seed + 0x9E37_79B9_7F4A_7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  /** A width that is sometimes tiny, sometimes a multiple of 32 or 64, usually odd. */
  private static int randomWidth(Random random, int max) {
    return switch (random.nextInt(6)) {
      case 0 -> 1 + random.nextInt(3);
      case 1 -> 32 * (1 + random.nextInt(Math.max(1, max / 32)));
      case 2 -> 64 * (1 + random.nextInt(Math.max(1, max / 64)));
      default -> 1 + random.nextInt(max);
    };
  }

  /**
   * A multilayer perceptron with random weights and thresholds: {@code sizes[0]} inputs of
   * {@code kind}, hidden layers {@code sizes[1..n-2]} and {@code sizes[n-1]} classes.
   */
  public static Network mlp(String name, Random random, InputKind kind, int[] sizes, boolean withBias) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least an input size and a class count");
    }
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node.Input("x", kind, sizes[0]));
    String previous = "x";
    InputKind layerKind = kind;
    for (int layer = 1; layer < sizes.length - 1; layer++) {
      BitMatrix weights = randomBits(random, sizes[layer], sizes[layer - 1]);
      String dense = "fc" + layer;
      String act = "act" + layer;
      nodes.add(new Node.Dense(dense, previous, weights));
      nodes.add(new Node.Threshold(act, dense, randomThresholds(random, weights, layerKind)));
      previous = act;
      layerKind = InputKind.BIPOLAR;
    }
    int classes = sizes[sizes.length - 1];
    BitMatrix out = randomBits(random, classes, sizes[sizes.length - 2]);
    List<Integer> bias = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      bias.add(withBias ? random.nextInt(41) - 20 : 0);
    }
    nodes.add(new Node.Scores("out", previous, out, bias));
    return ModelValidator.validate(new Model(name, nodes));
  }

  public static BitMatrix randomBits(Random random, int rows, int columns) {
    boolean[][] bits = new boolean[rows][columns];
    for (boolean[] row : bits) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextBoolean();
      }
    }
    return BitMatrix.fromBits(bits);
  }

  /** Thresholds for each row of {@code weights}, fed by uniformly random vectors of {@code kind}. */
  public static ThresholdTable randomThresholds(Random random, BitMatrix weights, InputKind kind) {
    int n = weights.columns();
    long lo = Accumulator.minThreshold(kind, n);
    long hi = Accumulator.maxThreshold(kind, n);
    long[] thresholds = new long[weights.rows()];
    Direction[] directions = new Direction[weights.rows()];
    for (int j = 0; j < weights.rows(); j++) {
      directions[j] = random.nextInt(3) == 0 ? Direction.LE : Direction.GE;
      double mean;
      double spread;
      if (kind == InputKind.BIPOLAR) {
        mean = n / 2.0;
        spread = Math.sqrt(n) / 2.0;
      } else {
        mean = (2.0 * weights.onesInRow(j) - n) * 127.5;
        spread = 74.0 * Math.sqrt(n);
      }
      long t = random.nextInt(10) == 0
          ? lo + (long) (random.nextDouble() * (hi - lo + 1))
          : Math.round(mean + random.nextGaussian() * spread);
      thresholds[j] = Math.max(lo, Math.min(hi, t));
    }
    return ThresholdTable.of(thresholds, directions);
  }

  /** A uniformly random input vector for {@code network}. */
  public static InputVector vector(Random random, Network network) {
    var input = network.input();
    int[] elements = new int[input.size()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = random.nextInt(input.kind().maxElement() + 1);
    }
    return InputVector.of(input.kind(), elements);
  }

  /** {@code count} random vectors, reproducible from {@code seed}. */
  public static List<InputVector> vectors(long seed, Network network, int count) {
    Random random = new Random(seed);
    List<InputVector> vectors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      vectors.add(vector(random, network));
    }
    return vectors;
  }
}
