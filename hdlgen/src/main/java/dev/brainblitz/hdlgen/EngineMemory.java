package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;
import java.math.BigInteger;
import java.util.Map;

/**
 * How an engine stores its read-only data: the weight word of every issue, and the per-PE tables
 * of thresholds, threshold directions and biases indexed by neuron fold. This is the one piece of
 * an engine that knows the memory style; the rest of the engine only reads the wires it declares.
 * {@link LutRomMemory} is today's style. Another style (block RAM with a registered read, issue 10)
 * is another implementation; a read latency above zero must then be matched by the control pipeline
 * ({@link EngineControl}) and by {@link PerformanceModel}.
 */
interface EngineMemory {
  /**
   * Declares the wire {@code weights} ({@code width} bits): word {@code address} of {@code words}
   * in the same cycle, or the one word when {@code address} is null. May add memory files (name to
   * contents) that the design reads from the directory a tool runs in.
   *
   * @param module the engine's module name, which names its files
   */
  void weights(VerilogWriter w, String module, int width, BigInteger[] words, String address,
      Map<String, String> memoryFiles);

  /**
   * Declares the wire {@code name} ({@code width} bits): word {@code index} of {@code words} in the
   * same cycle, or the one word when {@code index} is null (a per-PE threshold, direction or bias table).
   */
  void table(VerilogWriter w, String name, int width, BigInteger[] words, String index);
}
