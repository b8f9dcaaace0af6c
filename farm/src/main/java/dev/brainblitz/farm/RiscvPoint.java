package dev.brainblitz.farm;

import java.io.Serializable;

/**
 * One point of a RISC-V sweep: the network lowered for ISA level {@code isa} and run on the
 * instruction-set simulator with timing model {@code timing} over {@code vectors} inputs. Cycles and
 * retired instructions per inference are the harness's {@code rdcycle}/{@code rdinstret} counts around
 * each call (call and return included) summed over the vectors, divided by their number;
 * {@code textBytes} is the kernel's .text (the function {@code <model>_infer}), {@code rodataBytes}
 * its weights and constants, {@code stackBytes} its frame.
 */
public record RiscvPoint(String isa, String timing, int vectors, double cyclesPerInference,
    double instructionsPerInference, long textBytes, long rodataBytes, long stackBytes) implements Serializable {
  private static final long serialVersionUID = 1L;
}
