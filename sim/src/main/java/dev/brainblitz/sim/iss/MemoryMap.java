package dev.brainblitz.sim.iss;

import java.util.List;

/**
 * The simulated address space: a list of RAM regions (zero-filled, backed lazily in 64 KiB pages
 * so a large region costs nothing until touched). Accesses outside every region raise access faults.
 * The default has low memory at 0 (16 MiB: Linux-style programs linked at 0x10000) and RAM at
 * 0x80000000 (256 MiB: bare-metal programs, riscv-tests, our assembler's default).
 */
public record MemoryMap(List<Region> regions) {
  public static final int PAGE_BITS = 16;
  public static final int PAGE_SIZE = 1 << PAGE_BITS;

  /** A RAM region of {@code size} bytes at {@code base}, both multiples of the page size. */
  public record Region(int base, int size) {
    public Region {
      if ((base & (PAGE_SIZE - 1)) != 0 || (size & (PAGE_SIZE - 1)) != 0 || size <= 0) {
        throw new IllegalArgumentException("region base and size must be positive multiples of 64 KiB");
      }
      if (Integer.toUnsignedLong(base) + Integer.toUnsignedLong(size) > 1L << 32) {
        throw new IllegalArgumentException("region runs past the end of the address space");
      }
    }

    public boolean contains(int address) {
      return Integer.compareUnsigned(address - base, size) < 0;
    }

    /** One past the last byte (wraps to 0 for a region that ends the address space). */
    public int end() {
      return base + size;
    }
  }

  public static final MemoryMap DEFAULT = new MemoryMap(List.of(new Region(0, 16 << 20), new Region(0x80000000, 256 << 20)));

  public MemoryMap {
    regions = List.copyOf(regions);
  }

  /** The region containing {@code address}, or null. */
  public Region regionOf(int address) {
    for (Region r : regions) {
      if (r.contains(address)) {
        return r;
      }
    }
    return null;
  }
}
