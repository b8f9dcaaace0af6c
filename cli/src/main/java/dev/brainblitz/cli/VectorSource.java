package dev.brainblitz.cli;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.vectors.VectorFile;
import java.nio.file.Path;
import java.util.List;

/** Where the input vectors of {@code infer} and {@code verify} come from: a file or a seeded generator. */
final class VectorSource {
  private VectorSource() {}

  static List<InputVector> fromFile(Path file, Network network) {
    return VectorFile.read(file.toString(), ModelFiles.readText(file), network.input());
  }

  /** Random vectors are held in memory: at most this many elements in all (about 1 GiB). */
  static final long MAX_ELEMENTS = 1L << 28;

  static List<InputVector> random(Network network, int count, long seed) {
    if (count < 1) {
      throw new UserException("--vectors must be at least 1, got " + count);
    }
    long limit = MAX_ELEMENTS / network.inputSize();
    if (count > limit) {
      throw new UserException("--vectors " + count + " is more than fit in memory for " + network.inputSize()
          + " inputs each; use at most " + limit + " (run several seeds for more)");
    }
    return RandomNetworks.vectors(seed, network, count);
  }
}
