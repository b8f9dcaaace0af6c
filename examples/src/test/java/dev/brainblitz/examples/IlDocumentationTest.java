package dev.brainblitz.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.json.JsonModelWriter;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.ir.text.TextModelReader;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The examples in docs/il.md are the bundled tiny model, so the spec page cannot drift from the code. */
class IlDocumentationTest {
  private static String codeBlock(String doc, String section, String language) {
    int at = doc.indexOf(section);
    int start = doc.indexOf("```" + language + "\n", at) + language.length() + 4;
    return doc.substring(start, doc.indexOf("```", start));
  }

  @Test
  void theTextExampleIsTheTinyModel() throws IOException {
    String doc = Files.readString(GoldenFiles.repoRoot().resolve("docs/il.md"));
    assertEquals(Examples.TINY.model(), TextModelReader.read("il.md", codeBlock(doc, "## Text form", "")).model());
  }

  /** The convolutional example is a valid model whose JSON form reads back equal. */
  @Test
  void theConvolutionalExampleIsValid() throws IOException {
    String doc = Files.readString(GoldenFiles.repoRoot().resolve("docs/il.md"));
    var network = TextModelReader.read("il.md", codeBlock(doc, "### Text and JSON forms of convolutional layers", ""));
    var model = network.model();
    assertEquals(java.util.List.of(dev.brainblitz.ir.Layer.Kind.CONV2D, dev.brainblitz.ir.Layer.Kind.MAXPOOL,
        dev.brainblitz.ir.Layer.Kind.CONV2D, dev.brainblitz.ir.Layer.Kind.FLATTEN),
        network.layers().stream().map(dev.brainblitz.ir.Layer::kind).toList());
    assertEquals(model, dev.brainblitz.ir.json.JsonModelReader.read("x.json", JsonModelWriter.write(model)).model());
  }

  @Test
  void theJsonExampleIsWhatTheWriterProducesForTheTinyModel() throws IOException {
    String doc = Files.readString(GoldenFiles.repoRoot().resolve("docs/il.md"));
    assertEquals(JsonModelWriter.write(Examples.TINY.model()), codeBlock(doc, "## JSON form", "json"));
  }
}
