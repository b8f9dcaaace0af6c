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

  static List<InputVector> random(Network network, int count, long seed) {
    if (count < 1) {
      throw new UserException("--vectors must be at least 1, got " + count);
    }
    return RandomNetworks.vectors(seed, network, count);
  }
}
