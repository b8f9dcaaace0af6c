package dev.brainblitz.farm;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.ir.text.TextModelPrinter;
import dev.brainblitz.ir.vectors.VectorFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code blitz regress}: random networks run on every target of {@link RegressSpec} as
 * {@link RegressJob}s on a {@link Farm}; each finished job appended to {@code results.jsonl} at once
 * (nothing finished is lost when the run is stopped); every failing target shrunk
 * ({@link Shrinker}) on this member and written as a reproducer directory with the one
 * {@code blitz verify} command that shows it.
 */
public final class Regression {
  /** The results file in the output directory: one JSON object per finished network, in finishing order. */
  public static final String RESULTS = "results.jsonl";
  /** Evaluations a shrink may spend. */
  static final int SHRINK_BUDGET = 400;

  private Regression() {}

  /** What to run: networks {@code seed .. seed + nets - 1} of {@code shapes}, {@code vectors} each. */
  public record RegressSpec(int nets, long seed, Shapes shapes, List<String> targets, int vectors) {
    public RegressSpec {
      targets = List.copyOf(targets);
    }

    public List<RegressJob> jobs() {
      List<RegressJob> jobs = new ArrayList<>();
      for (int i = 0; i < nets; i++) {
        jobs.add(new RegressJob(seed + i, shapes, targets, vectors, seed));
      }
      return jobs;
    }
  }

  /** A shrunk failure written to {@code directory}: replay it with {@code command}. */
  public record Reproducer(long seed, String target, Path directory, String command, String shape, int vectors) {}

  /** Everything a run found, results in job order ({@code null} for a job that did not finish). */
  public record Report(RegressSpec spec, List<RegressResult> results, List<String> jobErrors, Map<String, Integer> perMember,
      List<Reproducer> reproducers, long wallNanos, long startNanos, int members) {

    public long finished() {
      return results.stream().filter(r -> r != null).count();
    }

    public boolean clean() {
      return jobErrors.isEmpty() && results.stream().allMatch(r -> r != null && !r.failed());
    }

    public String render() {
      var out = new StringBuilder();
      long vectors = results.stream().filter(r -> r != null).mapToLong(RegressResult::vectors).sum();
      double seconds = wallNanos / 1e9;
      out.append(String.format(Locale.ROOT, "networks %d of %d, %d vectors each (%d in all), shapes %s, seed %d%n",
          finished(), spec.nets(), spec.vectors(), vectors, spec.shapes().keyword(), spec.seed()));
      out.append(String.format(Locale.ROOT, "%-18s %10s %12s %8s%n", "target", "networks", "mismatches", "crashes"));
      for (String target : spec.targets()) {
        int failedNets = 0;
        long mismatches = 0;
        int crashes = 0;
        for (RegressResult r : results) {
          if (r == null) {
            continue;
          }
          for (Verdict v : r.verdicts()) {
            if (v.target().equals(target)) {
              failedNets += v.failed() ? 1 : 0;
              mismatches += v.mismatches();
              crashes += v.crash().isEmpty() ? 0 : 1;
            }
          }
        }
        boolean reference = target.equals(spec.targets().get(0));
        out.append(String.format(Locale.ROOT, "%-18s %10s %12s %8d%n", target,
            reference ? "(reference)" : failedNets + " failed", reference ? "-" : Long.toString(mismatches), crashes));
      }
      out.append(String.format(Locale.ROOT, "wall time %.2f s (member start %.2f s), %.3g jobs/s, %d member%s%n", seconds,
          startNanos / 1e9, finished() / Math.max(seconds, 1e-9), members, members == 1 ? "" : "s"));
      perMember.forEach((member, jobs) -> out.append(String.format(Locale.ROOT, "  %s ran %d jobs%n", member, jobs)));
      for (String error : jobErrors) {
        out.append("job error: ").append(error).append('\n');
      }
      for (Reproducer r : reproducers) {
        out.append(String.format(Locale.ROOT, "REPRODUCER network %d on %s, shrunk to %s and %d vector%s: %s%n  %s%n",
            r.seed(), r.target(), r.shape(), r.vectors(), r.vectors() == 1 ? "" : "s", r.directory(), r.command()));
      }
      return out.toString();
    }
  }

  /**
   * Runs {@code spec} on {@code farm}, writing {@value #RESULTS} and the reproducers under
   * {@code outputDirectory}.
   */
  public static Report run(Farm farm, RegressSpec spec, Path outputDirectory, ProgressLine progress) {
    List<RegressJob> jobs = spec.jobs();
    Path resultsFile = outputDirectory.resolve(RESULTS);
    long start = System.nanoTime();
    List<Farm.Outcome<RegressResult>> outcomes;
    try (JsonLines results = JsonLines.create(resultsFile)) {
      outcomes = farm.runAll(jobs, new Farm.Listener<>() {
        @Override
        public void finished(int index, FarmJob<RegressResult> job, Finished<RegressResult> finished, Farm.Counts counts) {
          results.append(line(finished));
          progress.update(counts);
        }

        @Override
        public void failed(int index, FarmJob<RegressResult> job, Throwable error, Farm.Counts counts) {
          progress.update(counts);
        }
      });
    }
    long wall = System.nanoTime() - start;
    List<RegressResult> results = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Farm.Outcome<RegressResult> o : outcomes) {
      results.add(o != null && o.ok() ? o.finished().result() : null);
      if (o != null && !o.ok()) {
        errors.add(o.job().describe() + ": " + o.error());
      }
    }
    List<Reproducer> reproducers = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      RegressResult result = results.get(i);
      if (result == null || !result.failed()) {
        continue;
      }
      for (Verdict verdict : result.verdicts()) {
        if (verdict.failed()) {
          reproducers.add(reproduce(jobs.get(i), verdict, outputDirectory));
        }
      }
    }
    return new Report(spec, results, errors, Farm.perMember(outcomes), reproducers, wall, farm.startNanos(),
        farm.members().size());
  }

  private static Map<String, Object> line(Finished<RegressResult> finished) {
    Map<String, Object> line = new LinkedHashMap<>();
    RegressResult r = finished.result();
    line.put("seed", r.seed());
    line.put("network", r.network());
    line.put("shape", r.shape());
    line.put("vectors", r.vectors());
    line.put("verdicts", r.verdicts());
    line.put("member", finished.member());
    line.put("ms", finished.nanos() / 1_000_000);
    return line;
  }

  /** Shrinks {@code job}'s failure on {@code verdict.target()} and writes its reproducer directory. */
  static Reproducer reproduce(RegressJob job, Verdict verdict, Path outputDirectory) {
    Network network = job.network();
    List<InputVector> inputs = job.inputs(network);
    String reference = job.targets().get(0);
    String target = verdict.target();
    ExecutorOptions options = job.options();
    boolean crash = !verdict.crash().isEmpty();
    if (!crash) {
      InputVector first = inputs.get(verdict.firstMismatch());
      List<InputVector> reordered = new ArrayList<>();
      reordered.add(first);
      reordered.addAll(inputs);
      inputs = reordered;
    }
    Shrinker.Shrunk shrunk = Shrinker.shrink(network, inputs, (n, v) -> {
      Verdict again = RegressJob.compare(n, List.of(reference, target), v, options).get(1);
      return crash ? !again.crash().isEmpty() : again.mismatches() > 0;
    }, SHRINK_BUDGET);
    Path directory = outputDirectory.resolve("repro-" + Long.toUnsignedString(job.seed(), 16) + "-"
        + target.replace(':', '_'));
    Path model = directory.resolve("model.bil");
    Path vectors = directory.resolve("vectors.txt");
    String command = "blitz verify " + model + " -i " + vectors + " --targets " + reference + "," + target
        + (target.equals("rtl") || target.startsWith("netlist:") ? " --target-cycles " + job.targetCycles() : "");
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(model, TextModelPrinter.print(shrunk.network().model()));
    files.put(vectors, VectorFile.write(shrunk.vectors()));
    files.put(directory.resolve("README.txt"), "network " + job.seed() + " (" + job.shapes().keyword() + ") of blitz regress: "
        + target + (crash ? " crashed: " + verdict.crash() : " differs from " + reference + " on "
        + verdict.mismatches() + " of " + job.vectors() + " vectors") + ".\nShrunk in " + shrunk.evaluations()
        + " evaluations to " + RegressJob.describe(shrunk.network()) + " and " + shrunk.vectors().size()
        + " vector(s).\nReplay:\n  " + command + "\n");
    AtomicFiles.writeAllText(files);
    return new Reproducer(job.seed(), target, directory, command, RegressJob.describe(shrunk.network()),
        shrunk.vectors().size());
  }
}
