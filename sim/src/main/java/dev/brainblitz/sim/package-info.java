/**
 * The cycle-level RISC-V simulator and the co-simulation that runs every executor (golden model,
 * fast engine, RTL, ISS) on the same vectors. May depend on {@code ir}, {@code hdlgen} and
 * {@code riscv}.
 */
package dev.brainblitz.sim;
