package dev.brainblitz.ir.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a vector of unsigned bytes into its 8 bit planes: plane b holds bit b of every element.
 * The planes are stored as 32-bit words, and the 8 planes of one word sit together:
 * {@code planes[8 w + b]} is plane b of word w. Bits past the last element are 0.
 *
 * <p>With the planes, a sum over bytes becomes popcounts: the sum of x_i over the elements where a
 * weight row has a 1 is sum_b 2^b popcount(plane_b AND row), provided the row's bits are laid out
 * as the planes' are.
 *
 * <p>That layout is not the elements' order. Elements go in blocks of 64, read as 8 little-endian
 * longs; element 8k + m of a block (byte m of long k) lands on bit {@link #position(int) 8m + k} of
 * the block. With that order the planes of a block come out of one 8x8 bit transpose across the 8
 * longs (about one operation per element), and no bytes need gathering afterwards. Weights are
 * permuted the same way once, when the engine is compiled.
 */
final class BitPlanes {
  private static final VarHandle LITTLE_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long EVEN_BYTES = 0x00FF_00FF_00FF_00FFL;

  /** Elements per block: one long per plane. */
  static final int BLOCK = 64;

  private BitPlanes() {}

  /** The number of 32-bit words per plane for {@code elements} elements: whole blocks. */
  static int words(int elements) {
    return 2 * ((elements + BLOCK - 1) / BLOCK);
  }

  /** The bit, counted over the concatenated plane words, that holds element {@code element}. */
  static int position(int element) {
    int inBlock = element & (BLOCK - 1);
    return (element - inBlock) + 8 * (inBlock & 7) + (inBlock >>> 3);
  }

  /**
   * Writes the planes of {@code bytes} to {@code planes} ({@code 8 * words(bytes.length)} ints) and
   * returns the sum of the bytes as unsigned values. {@code tail} is a 64-byte buffer whose bytes
   * from {@code bytes.length mod 64} on are 0; a last, partial block is read from it so that its
   * padding comes out 0 without masking.
   */
  static int decompose(byte[] bytes, byte[] tail, int[] planes) {
    int fullBlocks = bytes.length / BLOCK;
    int sum = 0;
    for (int block = 0; block < fullBlocks; block++) {
      sum += decomposeBlock(bytes, block * BLOCK, planes, 16 * block);
    }
    int rest = bytes.length % BLOCK;
    if (rest != 0) {
      System.arraycopy(bytes, fullBlocks * BLOCK, tail, 0, rest);
      sum += decomposeBlock(tail, 0, planes, 16 * fullBlocks);
    }
    return sum;
  }

  /** The planes of the 64 bytes at {@code offset}, written to {@code planes[at .. at + 16)}; returns their sum. */
  private static int decomposeBlock(byte[] bytes, int offset, int[] planes, int at) {
    long r0 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset);
    long r1 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 8);
    long r2 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 16);
    long r3 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 24);
    long r4 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 32);
    long r5 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 40);
    long r6 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 48);
    long r7 = (long) LITTLE_ENDIAN_LONGS.get(bytes, offset + 56);
    int sum = byteSum(r0, r1, r2, r3) + byteSum(r4, r5, r6, r7);

    // For each byte position m, the bits (long k, bit b) form an 8x8 matrix; transposing it moves
    // bit b of byte m of long k to bit k of byte m of long b. Three rounds swap the off-diagonal
    // halves of ever larger blocks (Hacker's Delight 7-3, across registers).
    long t;
    t = ((r0 >>> 1) ^ r1) & 0x5555_5555_5555_5555L; r1 ^= t; r0 ^= t << 1;
    t = ((r2 >>> 1) ^ r3) & 0x5555_5555_5555_5555L; r3 ^= t; r2 ^= t << 1;
    t = ((r4 >>> 1) ^ r5) & 0x5555_5555_5555_5555L; r5 ^= t; r4 ^= t << 1;
    t = ((r6 >>> 1) ^ r7) & 0x5555_5555_5555_5555L; r7 ^= t; r6 ^= t << 1;

    t = ((r0 >>> 2) ^ r2) & 0x3333_3333_3333_3333L; r2 ^= t; r0 ^= t << 2;
    t = ((r1 >>> 2) ^ r3) & 0x3333_3333_3333_3333L; r3 ^= t; r1 ^= t << 2;
    t = ((r4 >>> 2) ^ r6) & 0x3333_3333_3333_3333L; r6 ^= t; r4 ^= t << 2;
    t = ((r5 >>> 2) ^ r7) & 0x3333_3333_3333_3333L; r7 ^= t; r5 ^= t << 2;

    t = ((r0 >>> 4) ^ r4) & 0x0F0F_0F0F_0F0F_0F0FL; r4 ^= t; r0 ^= t << 4;
    t = ((r1 >>> 4) ^ r5) & 0x0F0F_0F0F_0F0F_0F0FL; r5 ^= t; r1 ^= t << 4;
    t = ((r2 >>> 4) ^ r6) & 0x0F0F_0F0F_0F0F_0F0FL; r6 ^= t; r2 ^= t << 4;
    t = ((r3 >>> 4) ^ r7) & 0x0F0F_0F0F_0F0F_0F0FL; r7 ^= t; r3 ^= t << 4;

    store(r0, planes, at);
    store(r1, planes, at + 1);
    store(r2, planes, at + 2);
    store(r3, planes, at + 3);
    store(r4, planes, at + 4);
    store(r5, planes, at + 5);
    store(r6, planes, at + 6);
    store(r7, planes, at + 7);
    return sum;
  }

  /** A 64-bit plane of one block is plane b of two consecutive words, 8 ints apart. */
  private static void store(long plane, int[] planes, int at) {
    planes[at] = (int) plane;
    planes[at + 8] = (int) (plane >>> 32);
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
