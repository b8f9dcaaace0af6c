package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;
import java.math.BigInteger;
import java.util.Map;

/**
 * An engine's per-PE tables (thresholds with their direction bits, or biases) in one block RAM of
 * NF words, PE entries per word, where its weights are in block RAM or SPRAM and the tables are
 * deep ({@link WeightStorage#keepsTablesInRam}). The memory reads through the register
 * {@code tables} from the neuron fold the tail takes at the coming edge
 * ({@link EngineControl#declareTailNeuronFoldNext}), so after every edge {@code tables} holds word
 * {@code t_nf}, exactly as the LUT ROM's asynchronous read would: the engine keeps its II and its
 * latency. Its contents are a {@code $readmemh} file, {@code <module>_tables.hex}, which Yosys maps
 * to the block's initial contents ({@code SB_RAM40_4K} on iCE40, RAMB18 on Xilinx).
 */
final class TableRam {
  private final String module;
  private final Map<String, String> memoryFiles;
  private final EngineFrontEnd front;
  private final EngineControl control;

  TableRam(String module, Map<String, String> memoryFiles, EngineFrontEnd front, EngineControl control) {
    this.module = module;
    this.memoryFiles = memoryFiles;
    this.front = front;
    this.control = control;
  }

  /** Declares the memory of {@code words}, {@code width} bits each, and its read register {@code tables}. */
  void declare(VerilogWriter w, int width, BigInteger[] words) {
    String next = control.declareTailNeuronFoldNext(w, front);
    w.comment("tables in block RAM, read through a register from the neuron fold the tail takes next: tables is always word t_nf");
    BlockRamMemory.registeredRom(w, "tables", width, words, next, module + "_tables.hex", memoryFiles);
  }
}
