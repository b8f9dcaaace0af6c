package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.MapShape;
import java.util.List;

/**
 * What an engine fed pixel by pixel ({@link ConvWindow#LINE}) needs of its input stream: the map
 * (H x W pixels of C elements of {@code elementBits}), the window (kernel {@code kernelHeight x
 * kernelWidth}, stride) and the padding ({@code padBefore} rows above and columns left, {@code padTotal}
 * in all per dimension, pad element {@code padValue} of the input kind). A convolution's window is
 * its kernel; a dense engine behind a flatten takes the whole map as one window (kernel H x W, no
 * padding), so its collector is the same line buffer, and the window's element order
 * ((ky * W + kx) * C + c) is the IL's flatten order. {@code inRam}: the line buffer keeps its delay
 * lines in block RAM ({@link LineStorage}, resolved). {@code pieces}: the memory words a shift's
 * (Kh - 1) pixels take in that memory, 1 for a memory as wide as they are, or (for a slow engine,
 * {@link #narrowed}) {@code ceil((Kh - 1) C / PIECE_BITS)} words of {@link #PIECE_BITS} bits, read
 * and written one per cycle after each shift ({@link LineBuffer}).
 */
record StreamWindow(MapShape map, InputKind kind, int kernelHeight, int kernelWidth, int stride, int padBefore,
    int padTotal, int padValue, boolean inRam, int pieces) {

  StreamWindow {
    if (pieces < 1 || pieces > 1 && !inRam) {
      throw new IllegalArgumentException("narrow delay lines (" + pieces + " pieces) live in block RAM only");
    }
  }

  /**
   * The width of a narrow delay-line memory's words: the widest data port of an iCE40
   * {@code SB_RAM40_4K} (256 x 16), so that D x m words of 16 bits fill blocks by depth where a
   * memory of D words of (Kh - 1) C bits took one block per 16 bits of width.
   */
  static final int PIECE_BITS = 16;

  /** Words of an iCE40 block RAM at {@link #PIECE_BITS} bits. */
  static final int BLOCK_WORDS = 256;

  /**
   * The stream input of engine {@code i} of {@code engines} in mode {@code window}, or null when it
   * takes whole vectors: in {@link ConvWindow#LINE} every engine behind a convolution is fed pixels,
   * and so is a first convolution behind an {@link InputPort#STREAM} port (by the top). Its line
   * buffer's delay lines are in block RAM where {@code lines} puts them.
   */
  static StreamWindow of(List<Engine> engines, int i, ConvWindow window, InputPort port, LineStorage lines) {
    Engine e = engines.get(i);
    boolean fedByTop = i == 0 && port == InputPort.STREAM && e.isConv();
    if (window != ConvWindow.LINE || !fedByTop && (i == 0 || !engines.get(i - 1).isConv())) {
      return null;
    }
    if (e.isConv()) {
      ConvGeometry g = e.conv();
      var s = new StreamWindow(g.in(), e.inputKind(), g.kernel(), g.kernel(), g.stride(), g.padBefore(), g.padTotal(),
          g.padding().value(), false, 1);
      return s.withRam(lines.inRam(s.delay(), s.delayBits()), 1);
    }
    MapShape map = engines.get(i - 1).linkMap();
    return new StreamWindow(map, e.inputKind(), map.height(), map.width(), 1, 0, 0, 0, false, 1);
  }

  private StreamWindow withRam(boolean ram, int pieces) {
    return new StreamWindow(map, kind, kernelHeight, kernelWidth, stride, padBefore, padTotal, padValue, ram, pieces);
  }

  /**
   * The most a line-buffer form may cost an engine: 1/{@code SLOWDOWN_LIMIT} of its issues per
   * frame in cycles it waits for windows ({@link #waitCycles}).
   */
  static final int SLOWDOWN_LIMIT = 100;

  /**
   * This window with its delay lines in narrow words when that is worth it for an engine that
   * spends {@code issuesPerWindow} issues on each window: in block RAM, with m = ceil((Kh - 1) C / 16)
   * >= 2 pieces per shift, when D x m words of 16 bits take fewer blocks than m blocks per 256 words
   * of D (so never for a line buffer one block holds already), and when the m + 1 cycles a shift then
   * takes make the engine wait at most 1/{@link #SLOWDOWN_LIMIT} of its time longer
   * ({@link #waitCycles}). Otherwise this window unchanged.
   */
  StreamWindow narrowed(long issuesPerWindow) {
    if (!inRam || pieces != 1) {
      return this;
    }
    int m = (int) ((wordBits() + PIECE_BITS - 1) / PIECE_BITS);
    long narrowBlocks = ((long) delay() * m + BLOCK_WORDS - 1) / BLOCK_WORDS;
    long wideBlocks = (long) m * ((delay() + BLOCK_WORDS - 1) / BLOCK_WORDS);
    if (m < 2 || narrowBlocks >= wideBlocks) {
      return this;
    }
    long extra = waitCycles(issuesPerWindow, m + 1, false) - waitCycles(issuesPerWindow, 1, false);
    return extra * SLOWDOWN_LIMIT <= issuesPerWindow * outputPixels() ? withRam(true, m) : this;
  }

  /** Output pixels per frame: the windows on the stride's grid, Ho x Wo. */
  long outputPixels() {
    return (long) ((paddedHeight() - kernelHeight) / stride + 1) * ((paddedWidth() - kernelWidth) / stride + 1);
  }

  /** Cycles a shift takes: m + 1 for narrow delay lines ({@link LineBuffer}), else 1. */
  int shiftCycles() {
    return narrow() ? pieces + 1 : 1;
  }

  /**
   * The cycles per frame an engine that spends {@code issuesPerWindow} issues on a window waits for
   * its windows, if its pixels come at once and a shift takes {@code shiftCycles}: a gap of g shifts
   * between two windows (s within a row of windows, s Wp - (Wo - 1) s from a row's last to the next
   * row's first, the rest of the Hp x Wp shifts from a frame's last to the next frame's first) costs
   * g x shiftCycles - issuesPerWindow when the line buffer works ahead of the engine (an input buffer
   * holds the window being computed), and (g - 1) x shiftCycles when the engine reads the taps
   * ({@link EngineShape#readsTaps}: the gap's first shift is at the edge of its last issue, and the
   * last starts the next window). An estimate for choosing a form; the cycle model is exact.
   */
  long waitCycles(long issuesPerWindow, int shiftCycles, boolean readsTaps) {
    long rows = (paddedHeight() - kernelHeight) / stride + 1;
    long columns = (paddedWidth() - kernelWidth) / stride + 1;
    long inRow = stride;
    long rowToRow = (long) stride * paddedWidth() - (columns - 1) * stride;
    long frameToFrame = (long) paddedHeight() * paddedWidth() - rows * (columns - 1) * inRow - (rows - 1) * rowToRow;
    return rows * (columns - 1) * gapWait(inRow, issuesPerWindow, shiftCycles, readsTaps)
        + (rows - 1) * gapWait(rowToRow, issuesPerWindow, shiftCycles, readsTaps)
        + gapWait(frameToFrame, issuesPerWindow, shiftCycles, readsTaps);
  }

  private static long gapWait(long shifts, long issuesPerWindow, int shiftCycles, boolean readsTaps) {
    return readsTaps ? (shifts - 1) * shiftCycles : Math.max(0, shifts * shiftCycles - issuesPerWindow);
  }

  /** Bits a shift moves through the delay lines: one pixel per line, (Kh - 1) C. */
  long wordBits() {
    return (long) (kernelHeight - 1) * pixelBits();
  }

  /** Bits of the delay lines' read register {@code lrd}: m x 16 in narrow words, else one word. */
  long readBits() {
    return narrow() ? (long) pieces * PIECE_BITS : wordBits();
  }

  /** Whether the delay lines are in narrow words ({@link #narrowed}): a shift's pixels take several. */
  boolean narrow() {
    return pieces > 1;
  }

  /** Whether engine {@code i} hands on one output pixel per beat (every convolution, in {@link ConvWindow#LINE}). */
  static boolean pixelOut(List<Engine> engines, int i, ConvWindow window) {
    return window == ConvWindow.LINE && engines.get(i).isConv();
  }

  int elementBits() {
    return kind.bitsPerElement();
  }

  /** Bits of one pixel: C packed elements. */
  int pixelBits() {
    return map.channels() * elementBits();
  }

  /** Pixels of the map: H x W. */
  int pixels() {
    return map.height() * map.width();
  }

  /** Hp = H + pad. */
  int paddedHeight() {
    return map.height() + padTotal;
  }

  /** Wp = W + pad. */
  int paddedWidth() {
    return map.width() + padTotal;
  }

  /** Pixels the line buffer holds: (Kh - 1) padded rows and Kw pixels, (Kh - 1) * Wp + Kw. */
  int length() {
    return (kernelHeight - 1) * paddedWidth() + kernelWidth;
  }

  /** Pixels of each of the Kh - 1 delay lines between the window's rows: Wp - Kw. */
  int delay() {
    return paddedWidth() - kernelWidth;
  }

  /** Bits of the delay lines: (Kh - 1) x (Wp - Kw) pixels. */
  long delayBits() {
    return (long) (kernelHeight - 1) * delay() * pixelBits();
  }

  /** Bits of the window taps: Kh x Kw pixels. */
  long tapBits() {
    return (long) kernelHeight * kernelWidth * pixelBits();
  }

  /** Whether padded position (r, c) is a pad pixel (not on the link). */
  boolean isPad(int r, int c) {
    return r < padBefore || r >= padBefore + map.height() || c < padBefore || c >= padBefore + map.width();
  }

  /** Whether the padded pixel (r, c) is the last (bottom right) pixel of an output pixel's window. */
  boolean completesWindow(int r, int c) {
    return r >= kernelHeight - 1 && c >= kernelWidth - 1 && (r - kernelHeight + 1) % stride == 0
        && (c - kernelWidth + 1) % stride == 0;
  }
}
