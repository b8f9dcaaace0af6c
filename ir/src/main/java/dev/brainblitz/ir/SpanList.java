package dev.brainblitz.ir;

import java.util.List;

/**
 * The source positions of the rows of a node (one per neuron), kept for diagnostics. Like
 * {@link SourceSpan}, a {@code SpanList} is metadata and equals every other {@code SpanList}.
 */
public final class SpanList {
  public static final SpanList NONE = new SpanList(List.of());

  private final List<SourceSpan> spans;

  private SpanList(List<SourceSpan> spans) {
    this.spans = spans;
  }

  public static SpanList of(List<SourceSpan> spans) {
    return spans.isEmpty() ? NONE : new SpanList(List.copyOf(spans));
  }

  /** The span of row {@code index}, or {@code fallback} when this list does not know it. */
  public SourceSpan get(int index, SourceSpan fallback) {
    return index >= 0 && index < spans.size() ? spans.get(index) : fallback;
  }

  public int size() {
    return spans.size();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SpanList;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "SpanList[" + spans.size() + "]";
  }
}
