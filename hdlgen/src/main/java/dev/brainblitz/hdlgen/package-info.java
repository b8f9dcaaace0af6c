/**
 * The Verilog backend: folded XNOR-popcount dataflow engines (PE x SIMD per layer), weight ROMs,
 * thresholds and argmax on valid/ready streams, and the Verilator harness that proves them equal
 * to the golden model. Depends on {@code ir} and the Verilog text emitter {@code verilog}.
 */
package dev.brainblitz.hdlgen;
