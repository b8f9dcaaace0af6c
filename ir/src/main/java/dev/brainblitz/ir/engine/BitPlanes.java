package dev.brainblitz.ir.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a vector of unsigned bytes into its 8 bit planes, 32 elements per {@code int}: bit k of
 * plane b, word w is bit b of element 32 w + k. Plane b of word w is stored at {@code planes[8 w + b]}
 * so that the 8 planes of one word sit together. Bits past the last element are 0.
 *
 * <p>With the planes, a signed sum over bytes becomes popcounts: sum over the elements where a
 * weight row has a 1 of x_i is the sum over b of 2^b popcount(plane_b AND row).
 */
final class BitPlanes {
  private static final VarHandle LITTLE_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long EVEN_BYTES = 0x00FF_00FF_00FF_00FFL;
  private static final long ODD_BYTES = 0xFF00_FF00_FF00_FF00L;
  private static final long LOW_HALVES = 0x0000_FFFF_0000_FFFFL;
  private static final long HIGH_HALVES = 0xFFFF_0000_FFFF_0000L;

  private BitPlanes() {}

  /** The number of 32-element words of a vector of {@code elements} elements. */
  static int words(int elements) {
    return (elements + 31) >>> 5;
  }

  /**
   * Writes the planes of {@code bytes} to {@code planes} ({@code 8 * words(bytes.length)} ints) and
   * returns the sum of the bytes as unsigned values. {@code tail} is a 32-byte buffer whose bytes
   * from {@code bytes.length mod 32} on are 0; the last, partial word is read from it so that the
   * padding planes come out 0 without masking.
   */
  static int decompose(byte[] bytes, byte[] tail, int[] planes) {
    int fullWords = bytes.length >>> 5;
    int sum = 0;
    for (int w = 0; w < fullWords; w++) {
      sum += decomposeWord(bytes, w << 5, planes, w << 3);
    }
    int rest = bytes.length & 31;
    if (rest != 0) {
      System.arraycopy(bytes, fullWords << 5, tail, 0, rest);
      sum += decomposeWord(tail, 0, planes, fullWords << 3);
    }
    return sum;
  }

  /** The planes of the 32 bytes at {@code offset}, written to {@code planes[at .. at + 8)}; returns their sum. */
  private static int decomposeWord(byte[] bytes, int offset, int[] planes, int at) {
    long g0 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset);
    long g1 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 8);
    long g2 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 16);
    long g3 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 24);
    int sum = byteSum(g0, g1, g2, g3);
    // After the transpose, byte b of t_k holds bit b of the 8 bytes of group k.
    long t0 = transpose8x8(g0);
    long t1 = transpose8x8(g1);
    long t2 = transpose8x8(g2);
    long t3 = transpose8x8(g3);
    // Gather byte b of t0..t3 into one int per plane: first pair groups into 16-bit lanes ...
    long evenPlanes01 = (t0 & EVEN_BYTES) | ((t1 & EVEN_BYTES) << 8);
    long oddPlanes01 = ((t0 >>> 8) & EVEN_BYTES) | (t1 & ODD_BYTES);
    long evenPlanes23 = (t2 & EVEN_BYTES) | ((t3 & EVEN_BYTES) << 8);
    long oddPlanes23 = ((t2 >>> 8) & EVEN_BYTES) | (t3 & ODD_BYTES);
    // ... then pair the 16-bit lanes into 32-bit lanes: each long now holds two whole planes.
    long planes04 = (evenPlanes01 & LOW_HALVES) | ((evenPlanes23 & LOW_HALVES) << 16);
    long planes26 = ((evenPlanes01 >>> 16) & LOW_HALVES) | (evenPlanes23 & HIGH_HALVES);
    long planes15 = (oddPlanes01 & LOW_HALVES) | ((oddPlanes23 & LOW_HALVES) << 16);
    long planes37 = ((oddPlanes01 >>> 16) & LOW_HALVES) | (oddPlanes23 & HIGH_HALVES);
    planes[at] = (int) planes04;
    planes[at + 1] = (int) planes15;
    planes[at + 2] = (int) planes26;
    planes[at + 3] = (int) planes37;
    planes[at + 4] = (int) (planes04 >>> 32);
    planes[at + 5] = (int) (planes15 >>> 32);
    planes[at + 6] = (int) (planes26 >>> 32);
    planes[at + 7] = (int) (planes37 >>> 32);
    return sum;
  }

  /**
   * Transposes the 8x8 bit matrix whose row r is byte r: bit c of byte r moves to bit r of byte c
   * (Hacker's Delight 7-3, swapping ever larger blocks across the diagonal).
   */
  static long transpose8x8(long x) {
    long t = (x ^ (x >>> 7)) & 0x00AA_00AA_00AA_00AAL;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >>> 14)) & 0x0000_CCCC_0000_CCCCL;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >>> 28)) & 0x0000_0000_F0F0_F0F0L;
    return x ^ t ^ (t << 28);
  }

  /** The sum of the 32 unsigned bytes of four longs, in 16-bit lanes (at most 8160, so no lane overflows). */
  private static int byteSum(long g0, long g1, long g2, long g3) {
    long lanes = (g0 & EVEN_BYTES) + ((g0 >>> 8) & EVEN_BYTES)
        + (g1 & EVEN_BYTES) + ((g1 >>> 8) & EVEN_BYTES)
        + (g2 & EVEN_BYTES) + ((g2 >>> 8) & EVEN_BYTES)
        + (g3 & EVEN_BYTES) + ((g3 >>> 8) & EVEN_BYTES);
    // Multiplying by 1 + 2^16 + 2^32 + 2^48 adds the four lanes into the top one.
    return (int) ((lanes * 0x0001_0001_0001_0001L) >>> 48);
  }
}
