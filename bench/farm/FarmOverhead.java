// The cost of running regression jobs on the farm (an embedded Hazelcast member) against a plain
// java.util.concurrent ExecutorService running the very same jobs, in one JVM. Run from the
// repository root after building the tool (./blitz --version builds it):
//
//   java -cp cli/target/blitz.jar bench/farm/FarmOverhead.java [NETS] [VECTORS] [THREADS] [ROUNDS] [TARGETS] [SHAPES]
//
// defaults: 200 networks (mixed shapes, seed 1), 20 vectors, 2 threads, 2 rounds, golden,engine,iss:rv32im.
// Jobs of milliseconds (e.g. 2000 small networks on golden,engine) show the farm's cost per job best.
// Each round runs the jobs once on each path, alternating which goes first, after a warm-up of the
// first 20 jobs (JIT), and checks that both give equal results. Prints wall time and jobs/s per run
// and the farm's overhead per job. This ExecutorService path exists here only, not in the tool.
import dev.brainblitz.farm.Farm;
import dev.brainblitz.farm.FarmJob;
import dev.brainblitz.farm.FarmSettings;
import dev.brainblitz.farm.Finished;
import dev.brainblitz.farm.RegressJob;
import dev.brainblitz.farm.RegressResult;
import dev.brainblitz.farm.Regression;
import dev.brainblitz.farm.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

public class FarmOverhead {
  public static void main(String[] args) throws Exception {
    int nets = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int vectors = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    List<String> targets = Arrays.asList((args.length > 4 ? args[4] : "golden,engine,iss:rv32im").split(","));
    Shapes shapes = Shapes.byKeyword(args.length > 5 ? args[5] : "mixed").orElseThrow();
    List<RegressJob> jobs = new Regression.RegressSpec(nets, 1, shapes, targets, vectors).jobs();
    System.out.printf(Locale.ROOT, "%d networks (%s, seed 1), %d vectors, targets %s, %d threads, %d rounds%n",
        nets, shapes.keyword(), vectors, String.join(",", targets), threads, rounds);

    for (RegressJob job : jobs.subList(0, Math.min(20, jobs.size()))) {
      job.run();
    }
    long farmStart = System.nanoTime();
    try (Farm farm = Farm.start(FarmSettings.embedded().withThreads(threads))) {
      System.out.printf(Locale.ROOT, "farm member started in %.2f s%n", (System.nanoTime() - farmStart) / 1e9);
      double plainTotal = 0;
      double farmTotal = 0;
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < 2; k++) {
          boolean plainNow = (round + k) % 2 == 0;
          long start = System.nanoTime();
          List<RegressResult> results = plainNow ? plain(jobs, threads) : onFarm(farm, jobs);
          double seconds = (System.nanoTime() - start) / 1e9;
          if (plainNow) {
            plainTotal += seconds;
          } else {
            farmTotal += seconds;
          }
          check(jobs, results);
          System.out.printf(Locale.ROOT, "round %d %-16s %8.2f s %8.2f jobs/s   (load %s)%n", round + 1,
              plainNow ? "ExecutorService" : "Hazelcast farm", seconds, nets / seconds, load());
        }
      }
      System.out.printf(Locale.ROOT, "total: ExecutorService %.2f s, Hazelcast farm %.2f s: the farm costs %+.1f %% "
          + "(%+.2f ms per job)%n", plainTotal, farmTotal, 100 * (farmTotal - plainTotal) / plainTotal,
          1000 * (farmTotal - plainTotal) / (rounds * (double) nets));
    }
  }

  private static List<RegressResult> reference;

  /** Both paths must give the results of the first run. */
  private static void check(List<RegressJob> jobs, List<RegressResult> results) {
    if (reference == null) {
      reference = results;
    } else if (!reference.equals(results)) {
      throw new IllegalStateException("the two paths disagree");
    }
  }

  private static List<RegressResult> plain(List<RegressJob> jobs, int threads) throws Exception {
    ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<Future<RegressResult>> futures = new ArrayList<>();
      for (RegressJob job : jobs) {
        futures.add(pool.submit(job::run));
      }
      List<RegressResult> results = new ArrayList<>();
      for (Future<RegressResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  private static List<RegressResult> onFarm(Farm farm, List<RegressJob> jobs) {
    List<RegressResult> results = new ArrayList<>();
    for (Farm.Outcome<RegressResult> o : farm.runAll(jobs, new Farm.Listener<RegressResult>() {
      @Override
      public void finished(int index, FarmJob<RegressResult> job, Finished<RegressResult> finished, Farm.Counts counts) {}

      @Override
      public void failed(int index, FarmJob<RegressResult> job, Throwable error, Farm.Counts counts) {}
    })) {
      if (o == null || !o.ok()) {
        throw new IllegalStateException("job failed on the farm: " + (o == null ? "not run" : o.error()));
      }
      results.add(o.finished().result());
    }
    return results;
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
