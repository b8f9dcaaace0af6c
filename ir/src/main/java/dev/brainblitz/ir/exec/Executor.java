package dev.brainblitz.ir.exec;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import java.util.List;
import java.util.Optional;

/**
 * Something that runs a network on input vectors: the golden model, the fast engine, and later the
 * RTL in Verilator or a RISC-V kernel on the ISS. {@code blitz verify} runs several on the same
 * vectors and compares their results bit-exactly.
 */
public interface Executor extends AutoCloseable {
  /** The target name this executor was created for, e.g. {@code golden} or {@code iss:rv32im}. */
  String target();

  /** Runs every vector, in order, and returns one result per vector plus what was measured. */
  ExecutionReport run(List<InputVector> vectors);

  /**
   * Keeps, past {@link #close}, the work of the run that computed result {@code vector} (counted
   * over every run of this executor, from 0), so that a caller who found it wrong can replay it
   * without Java; empty when this target keeps no such work (the default).
   */
  default Optional<Replay> keepForReplay(int vector) {
    return Optional.empty();
  }

  /** Releases tools, processes or work directories (except those kept for replay); the default holds none. */
  @Override
  default void close() {}
}
