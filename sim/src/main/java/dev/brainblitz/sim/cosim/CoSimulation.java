package dev.brainblitz.sim.cosim;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.exec.Replay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs several executors on the same vectors and compares every result, scores and class,
 * bit-exactly with the first target's (the reference, normally {@code golden}). For a target that
 * disagrees, the executor is asked to keep the run of its first wrong result for replay.
 */
public final class CoSimulation {
  /** Vectors handed to an executor per call, so that long runs can report progress. */
  static final int CHUNK = 1024;

  private CoSimulation() {}

  /** Told how far each target has got; called from the thread that runs the co-simulation. */
  public interface Progress {
    Progress NONE = (target, done, total) -> {};

    void advanced(String target, int done, int total);
  }

  /**
   * One target's run: its report, how many vectors disagree with the reference, the first, and the
   * executor's run that computed it when the executor kept it for replay.
   */
  public record TargetOutcome(String target, ExecutionReport report, long wallNanos, int mismatches,
      Optional<Integer> firstMismatch, Optional<Replay> replay) {}

  public record Outcome(Network network, List<InputVector> vectors, List<TargetOutcome> targets) {
    public String reference() {
      return targets.get(0).target();
    }

    public int totalMismatches() {
      return targets.stream().mapToInt(TargetOutcome::mismatches).sum();
    }

    public boolean agree() {
      return totalMismatches() == 0;
    }

    public InferenceResult referenceResult(int vector) {
      return targets.get(0).report().results().get(vector);
    }
  }

  /** Runs {@code targets} (at least one; the first is the reference) on {@code vectors}. */
  public static Outcome run(Network network, List<String> targets, List<InputVector> vectors, ExecutorOptions options) {
    return run(network, targets, vectors, options, Progress.NONE);
  }

  /** As {@link #run(Network, List, List, ExecutorOptions)}, reporting progress per chunk of vectors. */
  public static Outcome run(Network network, List<String> targets, List<InputVector> vectors, ExecutorOptions options,
      Progress progress) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no targets");
    }
    // Create every executor first, so a bad target fails before any long run starts.
    List<Executor> executors = new ArrayList<>();
    try {
      for (String target : targets) {
        executors.add(Executors.create(target, network, options));
      }
      List<TargetOutcome> outcomes = new ArrayList<>();
      List<InferenceResult> reference = null;
      for (Executor executor : executors) {
        long start = System.nanoTime();
        ExecutionReport report = runInChunks(executor, vectors, progress);
        long wall = System.nanoTime() - start;
        if (report.results().size() != vectors.size()) {
          throw new IllegalStateException(executor.target() + " returned " + report.results().size() + " results for "
              + vectors.size() + " vectors");
        }
        int mismatches = 0;
        Optional<Integer> first = Optional.empty();
        if (reference == null) {
          reference = report.results();
        } else {
          for (int i = 0; i < vectors.size(); i++) {
            if (!reference.get(i).equals(report.results().get(i))) {
              mismatches++;
              if (first.isEmpty()) {
                first = Optional.of(i);
              }
            }
          }
        }
        Optional<Replay> replay = first.isPresent() ? executor.keepForReplay(first.get()) : Optional.empty();
        outcomes.add(new TargetOutcome(executor.target(), report, wall, mismatches, first, replay));
      }
      return new Outcome(network, vectors, outcomes);
    } finally {
      for (Executor executor : executors) {
        executor.close();
      }
    }
  }


  /**
   * Runs the vectors in chunks and joins the reports; the metrics are those of the last chunk
   * unless there is only one, since executors report per call.
   */
  private static ExecutionReport runInChunks(Executor executor, List<InputVector> vectors, Progress progress) {
    if (vectors.size() <= CHUNK) {
      ExecutionReport report = executor.run(vectors);
      progress.advanced(executor.target(), vectors.size(), vectors.size());
      return report;
    }
    List<InferenceResult> results = new ArrayList<>(vectors.size());
    List<Metric> metrics = List.of();
    for (int from = 0; from < vectors.size(); from += CHUNK) {
      int to = Math.min(vectors.size(), from + CHUNK);
      ExecutionReport chunk = executor.run(vectors.subList(from, to));
      results.addAll(chunk.results());
      metrics = chunk.metrics();
      progress.advanced(executor.target(), to, vectors.size());
    }
    return new ExecutionReport(results, metrics);
  }
}
