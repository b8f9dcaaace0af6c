package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.MapShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The timing model of {@link ConvWindow#LINE}: engines that hand on pixels run at different rates,
 * a line buffer needs K - 1 rows before its first window and stops while its window waits, and a
 * busy engine stops for a full link, so no closed formula gives the II. This model steps the
 * control of the generated hardware cycle by cycle (the data is left out): per cycle every
 * ready/valid is computed from the registers exactly as the Verilog does, then every register
 * takes its next value. The state is per engine: busy, the issue index, the control bits in the
 * adder-tree stages; per line buffer: the padded position (pr, pc), {@code pending}, and for narrow
 * delay-line memories the step after the last shift ({@code lstep}, {@link LineBuffer}); per
 * stream max-pool: its pixel position; per link: its count (of {@link TopModule#linkDepth}); and the argmax stages. The harness's
 * stimulus is replayed: a new image offered every cycle until all are taken (pixel by pixel when
 * the first convolution is fed by an {@link InputPort#STREAM} port), the output always
 * ready. {@code accepted} and {@code delivered} are the cycles in which an image (its first pixel) was taken and a
 * result handed out; latency = delivered[0] - accepted[0], and the II is the interval between the
 * last two results of {@link #frames} images (the pipeline's steady state: the harness measures it
 * over the second half of its results).
 */
public record StreamTiming(List<Long> accepted, List<Long> delivered) {

  public StreamTiming {
    accepted = List.copyOf(accepted);
    delivered = List.copyOf(delivered);
  }

  /** Cycles between the last two results. */
  public long initiationInterval() {
    int n = delivered.size();
    return delivered.get(n - 1) - delivered.get(n - 2);
  }

  /** Cycles from taking the first image to handing out its result. */
  public long latency() {
    return delivered.get(0) - accepted.get(0);
  }

  /** Images the model runs for the II: 2 per engine and 8 more, enough for every stage to be full. */
  static int frames(FoldingPlan plan) {
    return 2 * plan.engines().size() + 8;
  }

  /** The timing of {@code plan} over {@link #frames} images. */
  public static StreamTiming of(FoldingPlan plan) {
    return simulate(plan, frames(plan));
  }

  /** One engine's control state. */
  private static final class EngineState {
    final int issues;
    final int issuesPerBeat;
    final int stages;
    final StreamWindow window;
    /** The engine reads its window from the line buffer's taps ({@link EngineShape#readsTaps}). */
    final boolean readsTaps;
    final List<PoolState> pools = new ArrayList<>();
    boolean busy;
    int issue;
    final boolean[] stageValid;
    final boolean[] stageOut;
    int pr;
    int pc;
    boolean pending;
    /** A narrow line buffer's {@code lstep}: 1 .. m after a shift, m + 1 when it may shift again. */
    int lineStep;

    EngineState(EngineShape shape, int stages) {
      int perVector = shape.inputFolds() * shape.neuronFolds();
      this.issues = shape.framePixels() * perVector;
      this.issuesPerBeat = shape.pixelOut() ? perVector : issues;
      this.stages = stages;
      this.window = shape.stream();
      this.readsTaps = shape.readsTaps();
      this.stageValid = new boolean[stages];
      this.stageOut = new boolean[stages];
      this.lineStep = lineReadyStep();
    }

    /** The {@code lstep} at which the line buffer may shift: m + 1 for narrow delay lines, else 0 (always). */
    int lineReadyStep() {
      return window != null && window.narrow() ? window.pieces() + 1 : 0;
    }

    boolean lineReady() {
      return lineStep == lineReadyStep();
    }

    /** Whether issue {@code k} is the last of an output beat. */
    boolean ends(int k) {
      return k % issuesPerBeat == issuesPerBeat - 1;
    }

    boolean tailValid() {
      return stages == 0 ? busy : stageValid[stages - 1];
    }

    boolean tailOut() {
      return stages == 0 ? ends(issue) : stageOut[stages - 1];
    }
  }

  /** One stream max-pool's position. */
  private static final class PoolState {
    final MapShape in;
    final int size;
    int x;
    int y;

    PoolState(MapShape in, int size) {
      this.in = in;
      this.size = size;
    }

    boolean emits() {
      int outWidth = in.width() / size;
      int outHeight = in.height() / size;
      return x < outWidth * size && y < outHeight * size && x % size == size - 1 && y % size == size - 1;
    }

    void step() {
      if (x == in.width() - 1) {
        x = 0;
        y = y == in.height() - 1 ? 0 : y + 1;
      } else {
        x++;
      }
    }
  }

  /** Runs {@code frames} images through the control of {@code plan}'s hardware. */
  static StreamTiming simulate(FoldingPlan plan, int frames) {
    return simulate(plan, frames, true);
  }

  /**
   * Runs {@code frames} images through the control of {@code plan}'s hardware; with
   * {@code fastForward}, a stretch of quiet cycles is stepped over at once (see {@link #quietCycles}).
   * Both give the same cycles; the flag exists so a test can show it.
   */
  static StreamTiming simulate(FoldingPlan plan, int frames, boolean fastForward) {
    return simulate(plan, frames, fastForward, linkDepths(plan));
  }

  /** The entries of every link of {@code plan} ({@link TopModule#linkDepth}), by engine. */
  static int[] linkDepths(FoldingPlan plan) {
    int[] depths = new int[plan.engines().size()];
    for (int i = 0; i < depths.length; i++) {
      depths[i] = TopModule.linkDepth(plan, i);
    }
    return depths;
  }

  /**
   * The timing of {@code plan} as if link i held {@code depths[i]} entries: for a test to show what
   * another depth would cost ({@link TopModule#collectorKeepsUp}).
   */
  static StreamTiming simulate(FoldingPlan plan, int frames, boolean fastForward, int[] depths) {
    return simulate(plan, frames, fastForward, depths, 0).timing();
  }

  /**
   * How an {@link InputPort#STREAM} port's first layer keeps pace with beats that arrive every
   * {@code interval} cycles, as a UART without flow control delivers them: {@code firstLate} is the
   * first beat that the first layer did not take in the cycle it arrived, as its pixel's index in the
   * image, row by row (-1 when there is none), and {@code firstLateWait} the cycles it waited. A beat
   * that waits is a beat the hardware loses, since the receiver offers it for one cycle only.
   */
  public record Pace(long interval, int firstLate, long firstLateWait, int imageWidth) {
    public boolean keepsUp() {
      return firstLate < 0;
    }

    /** The row of the first late pixel (of a convolution's input, {@code imageWidth} pixels a row). */
    public int lateRow() {
      return firstLate / imageWidth;
    }

    /** The column of the first late pixel. */
    public int lateColumn() {
      return firstLate % imageWidth;
    }
  }

  /**
   * The {@link Pace} of {@code plan}'s stream port with a beat every {@code interval} cycles and the
   * host's stop and wait: two images, the second sent after the first's result. A dense first
   * layer collects its beats while its engine is idle, which stop and wait guarantees, so it keeps
   * up at any pace; a convolution's line buffer takes a pixel only when its window may move on.
   */
  public static Pace pace(FoldingPlan plan, long interval) {
    if (plan.port() != InputPort.STREAM) {
      throw new IllegalArgumentException("only a stream port takes its image beat by beat");
    }
    if (interval < 1) {
      throw new IllegalArgumentException("interval " + interval + " < 1");
    }
    return pace(plan, interval, true);
  }

  /** {@link #pace}, with or without stepping over quiet cycles (the same result; a test shows it). */
  static Pace pace(FoldingPlan plan, long interval, boolean fastForward) {
    if (EngineShape.of(plan, 0).stream() == null) {
      return new Pace(interval, -1, 0, 1);
    }
    return simulate(plan, 2, fastForward, linkDepths(plan), interval).pace();
  }

  /**
   * The smallest interval between beats, at most {@code limit}, at which {@code plan}'s stream port
   * loses no beat by {@link #pace}, or {@code limit} + 1 when even {@code limit} loses one. The
   * search assumes that a slower pace never loses more, and {@link #pace} confirms its answer.
   */
  public static long shortestInterval(FoldingPlan plan, long limit) {
    long low = 0;
    long high = limit + 1;
    while (high - low > 1) {
      long middle = (low + high) >>> 1;
      if (pace(plan, middle).keepsUp()) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }

  private record Run(StreamTiming timing, Pace pace) {}

  /**
   * The model's loop. With {@code interval} = 0 the top offers a new image every cycle (the
   * harness); with {@code interval} > 0 image k's beat j arrives at cycle start_k + (j + 1) x
   * interval (a byte is there once it has crossed the line), start_0 = 0 and start_k one cycle after
   * the result of image k - 1, and the run stops at the first beat that has to wait
   * ({@link Run#pace}).
   */
  private static Run simulate(FoldingPlan plan, int frames, boolean fastForward, int[] depths, long interval) {
    int count = plan.engines().size();
    var engines = new ArrayList<EngineState>();
    for (int i = 0; i < count; i++) {
      EngineShape shape = EngineShape.of(plan, i);
      var state = new EngineState(shape, plan.pipelineStages(i));
      if (shape.pixelOut()) {
        Engine e = shape.engine();
        MapShape map = e.conv().out();
        for (int size : e.pools()) {
          state.pools.add(new PoolState(map, size));
          map = new MapShape(map.height() / size, map.width() / size, map.channels());
        }
      }
      engines.add(state);
    }
    int argmaxStages = PerformanceModel.argmaxStages(plan.engines().get(count - 1).outputs());
    boolean[] argmax = new boolean[argmaxStages];
    int[] links = new int[count];
    var accepted = new ArrayList<Long>();
    var delivered = new ArrayList<Long>();
    int next = 0;
    // a first engine fed by the top's stream port takes an image as this many pixels
    int beats = engines.get(0).window != null ? engines.get(0).window.map().height() * engines.get(0).window.map().width() : 1;
    int beatsPerRow = engines.get(0).window != null ? engines.get(0).window.map().width() : 1;
    int beat = 0;
    boolean paced = interval > 0;
    long start = 0;
    long limit = 1L << 34;
    for (long cycle = 0; delivered.size() < frames; cycle++) {
      if (cycle > limit) {
        throw new IllegalStateException("the stream model delivered " + delivered.size() + " of " + frames
            + " results in " + limit + " cycles");
      }
      boolean[] linkInReady = new boolean[count];
      boolean[] linkOutValid = new boolean[count];
      for (int i = 0; i < count; i++) {
        linkInReady[i] = links[i] < depths[i];
        linkOutValid[i] = links[i] > 0;
      }
      int[] linkPush = new int[count];
      int[] linkPop = new int[count];
      if (linkOutValid[count - 1]) {
        delivered.add(cycle);
        linkPop[count - 1] = 1;
        start = cycle + 1;
      }
      // paced: the cycle the image's next beat arrives (-1: none before the last image's result)
      long arrival = paced && next < frames && next == delivered.size() ? start + (beat + 1) * interval : -1;
      boolean argmaxAdvance = argmaxStages == 0 || !(argmax[argmaxStages - 1] && !linkInReady[count - 1]);
      boolean argmaxIn = false;
      if (argmaxStages > 0 && argmax[argmaxStages - 1] && linkInReady[count - 1]) {
        linkPush[count - 1] = 1;
      }
      boolean[] advance = new boolean[count];
      boolean[] takes = new boolean[count];
      boolean[] shifts = new boolean[count];
      boolean[] poolsFire = new boolean[count];
      boolean topFire = false;
      for (int i = 0; i < count; i++) {
        EngineState e = engines.get(i);
        boolean last = i == count - 1;
        boolean outValid = e.tailValid() && e.tailOut();
        boolean outReady;
        if (last) {
          outReady = argmaxStages == 0 ? linkInReady[count - 1] : argmaxAdvance;
        } else {
          boolean ready = linkInReady[i];
          for (int j = e.pools.size() - 1; j >= 0; j--) {
            ready = !e.pools.get(j).emits() || ready;
          }
          outReady = ready;
        }
        boolean fire = outValid && outReady;
        if (fire) {
          if (last) {
            if (argmaxStages == 0) {
              linkPush[count - 1] = 1;
            } else {
              argmaxIn = true;
            }
          } else {
            poolsFire[i] = true;
            boolean through = e.pools.stream().allMatch(PoolState::emits);
            if (through) {
              linkPush[i] = 1;
            }
          }
        }
        advance[i] = !(outValid && !outReady);
        boolean frontLast = e.issue == e.issues - 1;
        boolean inValid = i > 0 ? linkOutValid[i - 1]
            : paced ? arrival >= 0 && cycle >= arrival
            : next < frames;
        if (e.window == null) {
          boolean inReady = !e.busy || (frontLast && advance[i]);
          takes[i] = inValid && inReady;
          if (takes[i]) {
            if (i == 0) {
              topFire = true;
            } else {
              linkPop[i - 1] = 1;
            }
          }
        } else {
          boolean free = !e.busy || (frontLast && advance[i]);
          takes[i] = !e.readsTaps && e.pending && free;
          boolean shiftOk = (e.readsTaps ? free : !e.pending || takes[i]) && e.lineReady();
          boolean pad = e.window.isPad(e.pr, e.pc);
          shifts[i] = shiftOk && (pad || inValid);
          if (e.readsTaps) {
            // the shift that completes a window starts the engine on it
            takes[i] = shifts[i] && e.window.completesWindow(e.pr, e.pc);
          }
          if (shiftOk && !pad && inValid) {
            if (i == 0) {
              topFire = true;
            } else {
              linkPop[i - 1] = 1;
            }
          }
        }
      }
      if (fastForward && !topFire && !argmaxIn && noneSet(argmax) && noneSet(takes) && noneSet(shifts)
          && noneSet(poolsFire) && allZero(linkPush) && allZero(linkPop)) {
        long quiet = quietCycles(engines, advance);
        if (paced) {
          // stop at the next beat's arrival, also when every engine is idle until it
          quiet = arrival <= cycle ? (quiet == Long.MAX_VALUE ? 0 : quiet) : Math.min(quiet, arrival - cycle);
        } else if (quiet == Long.MAX_VALUE) {
          quiet = 0;
        }
        if (quiet > 0) {
          for (int i = 0; i < count; i++) {
            if (advance[i] && engines.get(i).busy) {
              engines.get(i).issue += (int) quiet;
            }
          }
          cycle += quiet - 1;
          continue;
        }
      }
      // the clock edge
      for (int i = 0; i < count; i++) {
        links[i] += linkPush[i] - linkPop[i];
      }
      if (argmaxStages > 0 && argmaxAdvance) {
        for (int k = argmaxStages - 1; k > 0; k--) {
          argmax[k] = argmax[k - 1];
        }
        argmax[0] = argmaxIn;
      }
      if (topFire) {
        if (beat == 0) {
          accepted.add(cycle);
        }
        if (paced) {
          long wait = cycle - arrival;
          if (wait > 0) {
            return new Run(new StreamTiming(accepted, delivered), new Pace(interval, beat, wait, beatsPerRow));
          }
        }
        if (++beat == beats) {
          beat = 0;
          next++;
        }
      }
      for (int i = 0; i < count; i++) {
        EngineState e = engines.get(i);
        boolean frontLast = e.issue == e.issues - 1;
        if (advance[i]) {
          for (int k = e.stages - 1; k > 0; k--) {
            e.stageValid[k] = e.stageValid[k - 1];
            e.stageOut[k] = e.stageOut[k - 1];
          }
          if (e.stages > 0) {
            e.stageValid[0] = e.busy;
            e.stageOut[0] = e.ends(e.issue);
          }
          if (e.busy) {
            e.issue = frontLast ? 0 : e.issue + 1;
            if (frontLast) {
              e.busy = false;
            }
          }
        }
        if (e.window != null) {
          if (!e.lineReady()) {
            e.lineStep++;
          }
          if (shifts[i]) {
            if (e.window.narrow()) {
              e.lineStep = 1;
            }
            e.pending = !e.readsTaps && e.window.completesWindow(e.pr, e.pc);
            if (e.pc == e.window.paddedWidth() - 1) {
              e.pc = 0;
              e.pr = e.pr == e.window.paddedHeight() - 1 ? 0 : e.pr + 1;
            } else {
              e.pc++;
            }
          } else if (takes[i]) {
            e.pending = false;
          }
        }
        if (takes[i]) {
          e.busy = true;
        }
        if (poolsFire[i]) {
          for (PoolState p : e.pools) {
            boolean emits = p.emits();
            p.step();
            if (!emits) {
              break;
            }
          }
        }
      }
    }
    return new Run(new StreamTiming(accepted, delivered), new Pace(interval, -1, 0, beatsPerRow));
  }

  /**
   * In a cycle where nothing is handed over (no image, window, pixel, pool step or link beat, the
   * argmax empty), the cycles from this one on that stay as quiet: every engine is stalled (its
   * result waits for a link that stays full, so it keeps its state), or busy in the middle of a
   * beat with its adder-tree stages full of valid issues that end no beat, or idle with its stages
   * empty; each such cycle only moves the busy engines' issue counters, until the first front
   * issue that ends a beat (0 when some engine is in none of these states, or a narrow line buffer
   * is still moving the pieces of its last shift; {@code Long.MAX_VALUE} when every engine is idle,
   * so only a new beat at the input ends the stretch). Nothing else can change before that: every
   * ready and valid is a function of registers that stay put.
   */
  private static long quietCycles(List<EngineState> engines, boolean[] advance) {
    long quiet = Long.MAX_VALUE;
    for (int i = 0; i < engines.size(); i++) {
      EngineState e = engines.get(i);
      if (!e.lineReady()) {
        return 0;
      }
      if (!advance[i]) {
        continue;
      }
      for (int k = 0; k < e.stages; k++) {
        if (e.stageValid[k] != e.busy || e.stageValid[k] && e.stageOut[k]) {
          return 0;
        }
      }
      if (e.busy) {
        quiet = Math.min(quiet, e.issuesPerBeat - 1 - e.issue % e.issuesPerBeat);
      }
    }
    return quiet;
  }

  private static boolean noneSet(boolean[] flags) {
    for (boolean f : flags) {
      if (f) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(int[] counts) {
    for (int c : counts) {
      if (c != 0) {
        return false;
      }
    }
    return true;
  }
}
