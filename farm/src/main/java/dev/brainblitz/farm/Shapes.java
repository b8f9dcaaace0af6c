package dev.brainblitz.farm;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * The size classes of {@code blitz regress}'s random networks. {@code mixed} is
 * {@link RandomNetworks#network}, the generator every backend's property suite uses; {@code small}
 * keeps every layer under 64 (fast on every target, RTL included); {@code wide} reaches the sizes of
 * real models (up to 784 inputs, 256-neuron layers); {@code conv} is
 * {@link RandomNetworks#convNetwork}: small images through 1 to 3 convolutions (every padding mode,
 * stride 1 and 2, u8 or bipolar), max-pools, a flatten and a dense tail.
 */
public enum Shapes {
  SMALL,
  MIXED,
  WIDE,
  CONV;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Shapes> byKeyword(String keyword) {
    for (Shapes s : values()) {
      if (s.keyword().equals(keyword)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The network of {@code seed} in this size class; the same seed always gives the same network. */
  public Network network(long seed) {
    return switch (this) {
      case MIXED -> RandomNetworks.network(seed);
      case SMALL -> mlp(seed, 64, 48, 2, 6);
      case WIDE -> mlp(seed, 784, 256, 3, 12);
      case CONV -> RandomNetworks.convNetwork(seed);
    };
  }

  private Network mlp(long seed, int maxInputs, int maxHidden, int maxLayers, int maxClasses) {
    Random random = new Random(seed * 0x9E37_79B9_7F4A_7C15L + ordinal());
    InputKind kind = random.nextBoolean() ? InputKind.BIPOLAR : InputKind.U8;
    int hidden = random.nextInt(maxLayers + 1);
    int[] sizes = new int[hidden + 2];
    sizes[0] = 1 + random.nextInt(maxInputs);
    for (int i = 1; i <= hidden; i++) {
      sizes[i] = 1 + random.nextInt(maxHidden);
    }
    sizes[hidden + 1] = 1 + random.nextInt(maxClasses);
    return RandomNetworks.mlp(keyword() + "_" + Long.toUnsignedString(seed, 16), random, kind, sizes,
        random.nextBoolean());
  }
}
