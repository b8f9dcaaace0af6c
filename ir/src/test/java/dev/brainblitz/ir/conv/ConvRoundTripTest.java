package dev.brainblitz.ir.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.json.JsonModelReader;
import dev.brainblitz.ir.json.JsonModelWriter;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.text.TextModelPrinter;
import dev.brainblitz.ir.text.TextModelReader;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Convolutional models survive text and JSON, and text to JSON to text, unchanged. */
class ConvRoundTripTest {
  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  @ParameterizedTest(name = "conv network {0}")
  @MethodSource("seeds")
  void textAndJsonRoundTrips(long seed) {
    Model model = RandomNetworks.convNetwork(seed).model();
    String text = TextModelPrinter.print(model);
    Model fromText = TextModelReader.read("conv.bil", text).model();
    assertEquals(model, fromText);
    assertEquals(text, TextModelPrinter.print(fromText));
    String json = JsonModelWriter.write(model);
    Model fromJson = JsonModelReader.read("conv.json", json).model();
    assertEquals(model, fromJson);
    assertEquals(json, JsonModelWriter.write(fromJson));
    assertEquals(text, TextModelPrinter.print(fromJson));
  }
}
