/**
 * The Verilog-2005 text emitter ({@link dev.brainblitz.verilog.VerilogWriter}) that every generator
 * of Verilog in brain-blitz writes through: the dataflow backend ({@code hdlgen}) and the XBNN
 * functional unit ({@code riscv}). It knows nothing of networks or instructions and depends on no
 * other module, so both can use it without depending on each other (docs/architecture.md).
 */
package dev.brainblitz.verilog;
