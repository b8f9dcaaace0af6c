package dev.brainblitz.ir.random;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
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
