package dev.brainblitz.riscv.lower;

import java.util.List;
import java.util.Locale;

/**
 * A network lowered for one ISA level: the assembly of {@code <model>_infer} and its .rodata, plus
 * the facts a report or a harness needs.
 *
 * @param assembly GNU-as text: .text with the function, .rodata with every layer's data
 * @param stackBytes the function's stack frame
 * @param rodataBytes weights and folded constants
 * @param inputBytes bytes of one input vector (u8: one per element; bipolar: 4 per packed word)
 * @param u8Method for u8 input, the estimates behind the method of its layer
 */
public record LoweredKernel(String model, Isa isa, String assembly, String function, int stackBytes, int rodataBytes,
    List<LayerInfo> layers, int inputBytes, java.util.Optional<U8Method.Estimate> u8Method) {
  public LoweredKernel {
    layers = List.copyOf(layers);
  }

  /**
   * One layer of the kernel: the label its code starts at, its shape, whether it reads the u8 input,
   * its method, the weight words it reads per inference (rows x words per row; a conv2d reads its
   * rows once per output pixel, so times the output pixels; 0 for maxpool and repacking) and its
   * static instruction count. A flatten that needs no code (channels a multiple of 32) has no entry.
   */
  public record LayerInfo(String label, int inputs, int outputs, boolean u8Input, LayerMethod method, int weightWords,
      long staticInstructions) {}

  /** The C header declaring the function (for {@code blitz riscv --header}). */
  public String header() {
    String guard = model.toUpperCase(Locale.ROOT) + "_INFER_H";
    String prefix = model.toUpperCase(Locale.ROOT);
    int classes = -1;
    LayerInfo last = layers.get(layers.size() - 1);
    classes = last.outputs();
    StringBuilder s = new StringBuilder();
    s.append("/* ").append(function).append(": the network '").append(model).append("' lowered by brain-blitz for ")
        .append(isa.keyword()).append(". */\n");
    s.append("#ifndef ").append(guard).append('\n');
    s.append("#define ").append(guard).append('\n');
    s.append('\n');
    s.append("#include <stdint.h>\n");
    s.append('\n');
    s.append("#ifdef __cplusplus\n");
    s.append("extern \"C\" {\n");
    s.append("#endif\n");
    s.append('\n');
    s.append("#define ").append(prefix).append("_INPUT_BYTES ").append(inputBytes).append('\n');
    s.append("#define ").append(prefix).append("_CLASSES ").append(classes).append('\n');
    s.append("#define ").append(prefix).append("_STACK_BYTES ").append(stackBytes).append('\n');
    s.append('\n');
    s.append("/*\n");
    s.append(" * Runs the network on one input and returns its class (the index of the largest score, the\n");
    s.append(" * lowest on ties); writes the ").append(classes).append(" integer scores to scores[].\n");
    s.append(" * input: ").append(layers.get(0).u8Input()
        ? layers.get(0).inputs() + " bytes, one unsigned 8-bit element each, 4-byte aligned."
        : layers.get(0).inputs() + " bipolar elements packed little-endian into 32-bit words (element i is bit\n"
            + " *   i mod 32 of word i / 32; unused high bits 0), 4-byte aligned.")
        .append('\n');
    s.append(" * Uses ").append(stackBytes).append(" bytes of stack and no other memory; reentrant. ISA: ")
        .append(isa.keyword()).append(".\n");
    s.append(" */\n");
    s.append("int ").append(function).append("(const uint8_t *input, int32_t *scores);\n");
    s.append('\n');
    s.append("#ifdef __cplusplus\n");
    s.append("}\n");
    s.append("#endif\n");
    s.append('\n');
    s.append("#endif /* ").append(guard).append(" */\n");
    return s.toString();
  }
}
