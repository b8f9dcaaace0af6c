package dev.brainblitz.farm;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * A Hazelcast member that runs {@link FarmJob}s, alone (embedded, the default) or in a cluster
 * joined over TCP-IP from a member list (no multicast). Jobs go to the cluster's executor service
 * {@value #EXECUTOR}, whose pool on each member has {@link FarmSettings#threads} threads; a job
 * whose member leaves the cluster before answering is run again on another, so nothing is lost or
 * counted twice. Hazelcast's log goes to {@link FarmSettings#logFile}, never to the terminal.
 */
public final class Farm implements AutoCloseable {
  public static final String EXECUTOR = "blitz-jobs";
  /**
   * The system property giving the seconds a member may take to join its cluster (default 60): a
   * member still joining after that stops ({@code FRM004}); raise it on heavily loaded machines.
   */
  public static final String MAX_JOIN_PROPERTY = "blitz.farm.maxJoinSeconds";
  /** Times a job is resubmitted after its member left. */
  static final int RESUBMISSIONS = 5;

  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
  private static FileHandler logHandler;

  private final HazelcastInstance member;
  private final FarmSettings settings;
  private final long startNanos;

  private Farm(HazelcastInstance member, FarmSettings settings, long startNanos) {
    this.member = member;
    this.settings = settings;
    this.startNanos = startNanos;
  }

  /**
   * Starts a member with {@code settings} for a run of jobs. When {@code settings} name members to
   * join and none answered, the member is stopped again and a
   * {@link FarmException.Code#CLUSTER_UNREACHABLE} thrown, so a typo in {@code --cluster} never
   * silently runs everything alone.
   */
  public static Farm start(FarmSettings settings) {
    Farm farm = startMember(settings);
    if (!settings.cluster().isEmpty() && farm.member.getCluster().getMembers().size() < 2) {
      farm.close();
      throw new FarmException(FarmException.Code.CLUSTER_UNREACHABLE, "no member of --cluster "
          + String.join(",", settings.cluster().stream().map(Member::toString).toList()) + " answered (cluster '"
          + settings.clusterName() + "', from " + settings.bindAddress() + "): start 'blitz worker' there, check the "
          + "ports and the firewall (docs/farm.md), and give --bind an address those hosts reach");
    }
    return farm;
  }

  /** Starts a member that serves jobs ({@code blitz worker}); it may be the first of its cluster. */
  public static Farm startWorker(FarmSettings settings) {
    return startMember(settings);
  }

  private static Farm startMember(FarmSettings settings) {
    for (Member m : settings.cluster()) {
      m.resolve();
    }
    routeLog(settings.logFile());
    long start = System.nanoTime();
    HazelcastInstance instance;
    try {
      instance = Hazelcast.newHazelcastInstance(config(settings));
    } catch (HazelcastException | IllegalStateException e) {
      throw new FarmException(FarmException.Code.MEMBER_START, "cannot start a farm member on " + settings.bindAddress()
          + ": " + e.getMessage() + " (Hazelcast's log: " + settings.logFile() + ")");
    }
    return new Farm(instance, settings, System.nanoTime() - start);
  }

  static Config config(FarmSettings settings) {
    Config config = new Config();
    config.setClusterName(settings.clusterName());
    config.setInstanceName("blitz-" + settings.clusterName() + "-" + Long.toHexString(System.nanoTime()));
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Listen on the chosen address only (Hazelcast binds to every interface by default).
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.join.seconds", Integer.toString(Integer.getInteger(MAX_JOIN_PROPERTY, 60)));
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port() == 0 ? freePort(settings.bindAddress()) : settings.port());
    network.setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
    network.setPublicAddress(null);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(3);
    for (Member m : settings.cluster()) {
      join.getTcpIpConfig().addMember(m.hazelcastAddress());
    }
    config.addExecutorConfig(new ExecutorConfig(EXECUTOR, settings.threads()).setQueueCapacity(0)
        .setStatisticsEnabled(false));
    return config;
  }

  private static int freePort(String address) {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new FarmException(FarmException.Code.MEMBER_START, "cannot listen on " + address + ": " + e.getMessage());
    }
  }

  /** Sends Hazelcast's log (INFO and up) to {@code file} instead of the terminal; once per process. */
  private static synchronized void routeLog(Path file) {
    if (logHandler != null) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      logHandler = new FileHandler(file.toString(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Hazelcast's log to " + file, e);
    }
    logHandler.setFormatter(new SimpleFormatter());
    HAZELCAST_LOG.setUseParentHandlers(false);
    HAZELCAST_LOG.addHandler(logHandler);
    HAZELCAST_LOG.setLevel(Level.INFO);
  }

  /** A member's name in reports: its address, {@code host:port}. */
  static String memberName(com.hazelcast.cluster.Member m) {
    return m.getAddress().getHost() + ":" + m.getAddress().getPort();
  }

  /** This member's name, {@code host:port}. */
  public String name() {
    return memberName(member.getCluster().getLocalMember());
  }

  /** The names of the cluster's members, this one included. */
  public List<String> members() {
    return member.getCluster().getMembers().stream().map(Farm::memberName).sorted().toList();
  }

  /** How long this member took to start (and join), nanoseconds. */
  public long startNanos() {
    return startNanos;
  }

  public FarmSettings settings() {
    return settings;
  }

  /** Told as jobs finish: called from Hazelcast's threads, one call at a time. */
  public interface Listener<R extends Serializable> {
    void finished(int index, FarmJob<R> job, Finished<R> finished, Counts counts);

    void failed(int index, FarmJob<R> job, Throwable error, Counts counts);
  }

  /** How far a batch of jobs has got. */
  public record Counts(int done, int failed, int running, int total) {}

  /**
   * One job's end: its result, or the error it threw (its message); {@code member} names where it ran.
   */
  public record Outcome<R extends Serializable>(int index, FarmJob<R> job, Finished<R> finished, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Runs {@code jobs} on the cluster and returns one outcome per job, in the order of
   * {@code jobs} (whatever member ran each and whenever it finished). At most {@code inFlight}
   * jobs are submitted at a time. Interrupting the calling thread stops submitting, cancels what
   * is queued and returns what finished (the rest have no outcome: {@code null} entries).
   */
  public <R extends Serializable> List<Outcome<R>> runAll(List<? extends FarmJob<R>> jobs, Listener<R> listener) {
    int inFlight = Math.max(4, 4 * settings.threads() * member.getCluster().getMembers().size());
    IExecutorService executor = member.getExecutorService(EXECUTOR);
    List<Outcome<R>> outcomes = new ArrayList<>(java.util.Collections.nCopies(jobs.size(), null));
    Semaphore slots = new Semaphore(inFlight);
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    Object lock = new Object();
    try {
      for (int i = 0; i < jobs.size(); i++) {
        slots.acquire();
        int index = i;
        FarmJob<R> job = jobs.get(i);
        running.incrementAndGet();
        CompletableFuture<Void> whole = submit(executor, job, RESUBMISSIONS).handle((finished, error) -> {
          synchronized (lock) {
            running.decrementAndGet();
            if (error == null) {
              done.incrementAndGet();
              outcomes.set(index, new Outcome<>(index, job, finished, null));
              listener.finished(index, job, finished, new Counts(done.get(), failed.get(), running.get(), jobs.size()));
            } else {
              Throwable cause = unwrap(error);
              failed.incrementAndGet();
              outcomes.set(index, new Outcome<>(index, job, null, String.valueOf(cause.getMessage())));
              listener.failed(index, job, cause, new Counts(done.get(), failed.get(), running.get(), jobs.size()));
            }
          }
          slots.release();
          return null;
        });
        all.add(whole);
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      all.forEach(f -> f.cancel(true));
    } catch (ExecutionException e) {
      throw new IllegalStateException("a job's bookkeeping failed", e.getCause());
    }
    synchronized (lock) {
      return new ArrayList<>(outcomes);
    }
  }

  /** Submits {@code job}, again (up to {@code retries} times) when the member running it leaves. */
  private static <R extends Serializable> CompletableFuture<Finished<R>> submit(IExecutorService executor, FarmJob<R> job,
      int retries) {
    CompletableFuture<Finished<R>> result = new CompletableFuture<>();
    executor.submit(new JobTask<>(job), new ExecutionCallback<Finished<R>>() {
      @Override
      public void onResponse(Finished<R> finished) {
        result.complete(finished);
      }

      @Override
      public void onFailure(Throwable error) {
        if (retries > 0 && memberLost(unwrap(error))) {
          submit(executor, job, retries - 1).whenComplete((again, failure) -> {
            if (failure == null) {
              result.complete(again);
            } else {
              result.completeExceptionally(failure);
            }
          });
        } else {
          result.completeExceptionally(error);
        }
      }
    });
    return result;
  }

  private static boolean memberLost(Throwable error) {
    return error instanceof MemberLeftException || error instanceof TargetNotMemberException
        || error instanceof HazelcastInstanceNotActiveException || error instanceof CancellationException;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Jobs run by each member over this member's lifetime are not tracked here; see {@link #perMember}. */
  public static <R extends Serializable> Map<String, Integer> perMember(List<Outcome<R>> outcomes) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Outcome<R> o : outcomes) {
      if (o != null && o.ok()) {
        counts.merge(o.finished().member(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Blocks until this member is shut down (by {@link #close} or the process ending): {@code blitz worker}. */
  public void awaitShutdown() throws InterruptedException {
    var latch = new java.util.concurrent.CountDownLatch(1);
    member.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
        latch.countDown();
      }
    });
    if (member.getLifecycleService().isRunning()) {
      latch.await();
    }
  }

  /** Stops this member at once, as a crash would (tests of members dying mid-run). */
  void terminate() {
    member.getLifecycleService().terminate();
  }

  /** Leaves the cluster gracefully (its queued jobs move to other members' resubmission). */
  @Override
  public void close() {
    if (member.getLifecycleService().isRunning()) {
      member.shutdown();
    }
  }
}
