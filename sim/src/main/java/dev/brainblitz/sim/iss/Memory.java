package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Decoder;
import dev.brainblitz.riscv.isa.Instruction;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian memory in 64 KiB pages, allocated on first touch inside the {@link MemoryMap}, with
 * a predecoded-instruction cache per page. Word and half-word accesses that stay inside a page take
 * the fast path (a VarHandle view of the page, which also handles misaligned offsets); the rest go
 * byte by byte. A store clears the cached decodes of the words it touches, so self-modifying code
 * works (fence.i is then a no-op).
 */
final class Memory {
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MASK = MemoryMap.PAGE_SIZE - 1;

  private final MemoryMap map;
  private final byte[][] pages = new byte[1 << (32 - MemoryMap.PAGE_BITS)][];
  private final Instruction[][] code = new Instruction[pages.length][];

  Memory(MemoryMap map) {
    this.map = map;
  }

  MemoryMap map() {
    return map;
  }

  /** The page holding {@code address}, allocated if mapped, or null if no region holds it. */
  private byte[] page(int address) {
    byte[] p = pages[address >>> MemoryMap.PAGE_BITS];
    if (p == null && map.regionOf(address) != null) {
      p = new byte[MemoryMap.PAGE_SIZE];
      pages[address >>> MemoryMap.PAGE_BITS] = p;
      code[address >>> MemoryMap.PAGE_BITS] = new Instruction[MemoryMap.PAGE_SIZE / 4];
    }
    return p;
  }

  boolean mapped(int address) {
    return map.regionOf(address) != null;
  }

  /** The instruction at {@code pc} (4-aligned); traps if unmapped or illegal. */
  Instruction fetch(int pc) {
    Instruction[] c = code[pc >>> MemoryMap.PAGE_BITS];
    Instruction in;
    if (c != null && (in = c[(pc & MASK) >>> 2]) != null) {
      return in;
    }
    byte[] p = page(pc);
    if (p == null) {
      throw new Trap(Trap.INSTRUCTION_ACCESS_FAULT, pc);
    }
    int word = (int) INT.get(p, pc & MASK);
    in = Decoder.decodeOrNull(word);
    if (in == null) {
      throw new Trap(Trap.ILLEGAL_INSTRUCTION, word);
    }
    code[pc >>> MemoryMap.PAGE_BITS][(pc & MASK) >>> 2] = in;
    return in;
  }

  int loadWord(int address) {
    byte[] p = pages[address >>> MemoryMap.PAGE_BITS];
    if (p != null && (address & MASK) <= MASK - 3) {
      return (int) INT.get(p, address & MASK);
    }
    return loadBytes(address, 4, Trap.LOAD_ACCESS_FAULT);
  }

  int loadHalf(int address) {
    byte[] p = pages[address >>> MemoryMap.PAGE_BITS];
    if (p != null && (address & MASK) <= MASK - 1) {
      return (short) SHORT.get(p, address & MASK);
    }
    return (short) loadBytes(address, 2, Trap.LOAD_ACCESS_FAULT);
  }

  int loadByte(int address) {
    byte[] p = pages[address >>> MemoryMap.PAGE_BITS];
    if (p != null) {
      return p[address & MASK];
    }
    return (byte) loadBytes(address, 1, Trap.LOAD_ACCESS_FAULT);
  }

  void storeWord(int address, int value) {
    byte[] p = pages[address >>> MemoryMap.PAGE_BITS];
    int offset = address & MASK;
    if (p != null && offset <= MASK - 3) {
      INT.set(p, offset, value);
      Instruction[] c = code[address >>> MemoryMap.PAGE_BITS];
      c[offset >>> 2] = null;
      c[(offset + 3) >>> 2] = null;
      return;
    }
    storeBytes(address, value, 4);
  }

  void storeHalf(int address, int value) {
    byte[] p = pages[address >>> MemoryMap.PAGE_BITS];
    int offset = address & MASK;
    if (p != null && offset <= MASK - 1) {
      SHORT.set(p, offset, (short) value);
      Instruction[] c = code[address >>> MemoryMap.PAGE_BITS];
      c[offset >>> 2] = null;
      c[(offset + 1) >>> 2] = null;
      return;
    }
    storeBytes(address, value, 2);
  }

  void storeByte(int address, int value) {
    byte[] p = pages[address >>> MemoryMap.PAGE_BITS];
    if (p != null) {
      p[address & MASK] = (byte) value;
      code[address >>> MemoryMap.PAGE_BITS][(address & MASK) >>> 2] = null;
      return;
    }
    storeBytes(address, value, 1);
  }

  /** The slow path: byte by byte, allocating pages, faulting on the first unmapped byte. */
  private int loadBytes(int address, int size, int faultCause) {
    for (int i = 0; i < size; i++) {
      if (page(address + i) == null) {
        throw new Trap(faultCause, address);
      }
    }
    int value = 0;
    for (int i = 0; i < size; i++) {
      int a = address + i;
      value |= (pages[a >>> MemoryMap.PAGE_BITS][a & MASK] & 0xff) << (8 * i);
    }
    return value;
  }

  private void storeBytes(int address, int value, int size) {
    for (int i = 0; i < size; i++) {
      if (page(address + i) == null) {
        throw new Trap(Trap.STORE_ACCESS_FAULT, address);
      }
    }
    for (int i = 0; i < size; i++) {
      int a = address + i;
      pages[a >>> MemoryMap.PAGE_BITS][a & MASK] = (byte) (value >>> (8 * i));
      code[a >>> MemoryMap.PAGE_BITS][(a & MASK) >>> 2] = null;
    }
  }

  /** Copies {@code bytes} to {@code address} (loading a program); false if any byte is unmapped. */
  boolean write(int address, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (page(address + i) == null) {
        return false;
      }
    }
    for (int i = 0; i < bytes.length; i++) {
      storeByte(address + i, bytes[i]);
    }
    return true;
  }

  /** Whether all {@code length} bytes from {@code address} are mapped (without wrapping around 4 GiB). */
  boolean mapped(int address, long length) {
    if (length <= 0) {
      return true;
    }
    long start = Integer.toUnsignedLong(address);
    if (start + length > 1L << 32) {
      return false;
    }
    for (long a = start; a < start + length; a = (a | MASK) + 1) {
      if (map.regionOf((int) a) == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Copies {@code length} mapped bytes from {@code address} to {@code out} a page at a time (a write
   * syscall's buffer: however large the request, nothing larger than a page is allocated).
   */
  void copyTo(int address, int length, OutputStream out) throws IOException {
    byte[] chunk = new byte[Math.min(length, MemoryMap.PAGE_SIZE)];
    int done = 0;
    while (done < length) {
      int a = address + done;
      int n = Math.min(length - done, MemoryMap.PAGE_SIZE - (a & MASK));
      byte[] p = page(a);
      System.arraycopy(p, a & MASK, chunk, 0, n);
      out.write(chunk, 0, n);
      done += n;
    }
  }

  /** Reads {@code length} mapped bytes at {@code address}. */
  byte[] read(int address, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) loadByte(address + i);
    }
    return out;
  }
}
