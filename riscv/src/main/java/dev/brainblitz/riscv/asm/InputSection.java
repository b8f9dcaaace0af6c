package dev.brainblitz.riscv.asm;

import java.io.ByteArrayOutputStream;

/**
 * One section of one source file, as GNU as would put it in an object file ({@code .text},
 * {@code .text.startup}, {@code .sdata}, ...): the linker step places it inside the output section
 * of its {@link SectionKind}. Sections that are not loaded ({@code .debug_*}, {@code .comment},
 * {@code .note.GNU-stack}, anything without the {@code a} flag) have no kind and are dropped.
 *
 * <p>Mutable while a file is assembled: each pass refills {@link #size} (and, in the final pass,
 * the contents); the alignment only grows.
 */
final class InputSection {
  final String file;
  final String name;
  /** The output section it goes to; null when it is dropped. */
  final SectionKind kind;
  /** GNU as pads code sections at their end to their alignment with nops. */
  final boolean code;
  /** Position in the link order: the file's index in the high half, the section's creation index in the low. */
  final long order;

  private int alignment;
  /** For a mergeable section ({@code "M"} flag), the entry size GNU as rounds its size up to. */
  private int entrySize = 1;
  private int size;
  private ByteArrayOutputStream contents = new ByteArrayOutputStream();
  /** Where the linker step put it; meaningful after layout. */
  private long address;

  InputSection(String file, String name, SectionKind kind, boolean code, long order, int alignment) {
    this.file = file;
    this.name = name;
    this.kind = kind;
    this.code = code;
    this.order = order;
    this.alignment = alignment;
  }

  boolean dropped() {
    return kind == null;
  }

  int alignment() {
    return alignment;
  }

  void alignTo(int bytes) {
    alignment = Math.max(alignment, bytes);
  }

  int size() {
    return size;
  }

  int entrySize() {
    return entrySize;
  }

  void setEntrySize(int bytes) {
    entrySize = Math.max(entrySize, bytes);
  }

  long address() {
    return address;
  }

  void place(long at) {
    address = at;
  }

  void startPass() {
    size = 0;
    contents = new ByteArrayOutputStream();
  }

  /** Appends bytes (kept only when {@code keep}: the final pass of a section that has contents). */
  void append(byte[] bytes, boolean keep) {
    if (keep) {
      contents.writeBytes(bytes);
    }
    size += bytes.length;
  }

  /** Appends {@code count} copies of {@code fill}. */
  void appendFill(long count, byte fill, boolean keep) {
    if (keep) {
      byte[] chunk = new byte[(int) Math.min(count, 1 << 16)];
      java.util.Arrays.fill(chunk, fill);
      for (long left = count; left > 0; left -= chunk.length) {
        contents.write(chunk, 0, (int) Math.min(left, chunk.length));
      }
    }
    size = Math.toIntExact(size + count);
  }

  /** Cuts or zero-extends the section to {@code newSize} bytes (to keep later offsets after a failed statement). */
  void resize(int newSize, boolean keep) {
    if (keep) {
      byte[] kept = contents.toByteArray();
      contents = new ByteArrayOutputStream();
      contents.write(kept, 0, Math.min(kept.length, newSize));
      contents.writeBytes(new byte[Math.max(0, newSize - kept.length)]);
    }
    size = newSize;
  }

  byte[] bytes() {
    return contents.toByteArray();
  }

  @Override
  public String toString() {
    return file + "(" + name + ")";
  }
}
