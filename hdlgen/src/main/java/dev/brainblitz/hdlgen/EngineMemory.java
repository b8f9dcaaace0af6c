package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;
import dev.brainblitz.verilog.VerilogWriter.Port;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * How an engine stores its read-only data: the weight word of every issue, and the per-PE tables
 * of thresholds, threshold directions and biases indexed by neuron fold. This is the one piece of
 * an engine that knows the memory style; the rest of the engine only reads the wires it declares.
 * {@link LutRomMemory} reads in the same cycle; {@link BlockRamMemory} reads through a register
 * from the address the front takes next, so both give the word of the current issue and neither adds
 * latency. A style with more read latency would have to be matched by the control pipeline
 * ({@link EngineControl}) and by {@link PerformanceModel}.
 */
interface EngineMemory {
  /** Ports the engine module adds to write this memory at run time ({@link SpramMemory}); none for a ROM. */
  default List<Port> loadPorts() {
    return List.of();
  }

  /**
   * Declares {@code weights} ({@code width} bits): in every cycle word {@code front.address()} of
   * {@code words}, or the one word when the engine has one issue. May add memory files (name to
   * contents) that the design reads from the directory a tool runs in.
   *
   * @param module the engine's module name, which names its files
   */
  void weights(VerilogWriter w, String module, int width, BigInteger[] words, EngineFrontEnd front,
      Map<String, String> memoryFiles);

  /**
   * Declares the wire {@code name} ({@code width} bits): word {@code index} of {@code words} in the
   * same cycle, or the one word when {@code index} is null (a per-PE threshold, direction or bias table).
   */
  void table(VerilogWriter w, String name, int width, BigInteger[] words, String index);
}
