package dev.brainblitz.onnx;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code .ref} file written by onnx/scripts/make_test_models.py: the input kind, then per test
 * vector its elements (bytes, or +1/-1) and the outputs the framework computed for it.
 */
record ReferenceFile(InputKind kind, List<InputVector> inputs, List<double[]> outputs) {

  static ReferenceFile read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InputKind kind = null;
    List<InputVector> inputs = new ArrayList<>();
    List<double[]> outputs = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank() || line.startsWith("arch ")) {
        continue;
      }
      String[] fields = line.trim().split(" ");
      switch (fields[0]) {
        case "input-bits" -> kind = fields[1].equals("8") ? InputKind.U8 : InputKind.BIPOLAR;
        case "in" -> {
          int[] elements = Arrays.stream(fields).skip(1).mapToInt(Integer::parseInt).toArray();
          if (kind == InputKind.BIPOLAR) {
            elements = Arrays.stream(elements).map(v -> v > 0 ? 1 : 0).toArray();
          }
          inputs.add(InputVector.of(kind, elements));
        }
        case "out" -> outputs.add(Arrays.stream(fields).skip(1).mapToDouble(Double::parseDouble).toArray());
        default -> throw new IllegalArgumentException(path + ": unexpected line " + line);
      }
    }
    return new ReferenceFile(kind, inputs, outputs);
  }
}
