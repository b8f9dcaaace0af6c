package dev.brainblitz.ir.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The layout of the JSON files brain-blitz writes: every object and array on its own lines,
 * indented by two spaces, except those the writer marks with {@link #inlineNext()}, which stay on
 * one line ({@code ["ge", 3]}, a bias list, a float weight row). Everything nested inside an inline
 * value is inline too. Install a fresh instance on each generator: it tracks the open containers.
 *
 * <p>Contract: call {@code inlineNext()} immediately before the {@code writeStartObject} or
 * {@code writeStartArray} it applies to.
 */
public final class JsonLayout implements PrettyPrinter {
  private static final String INDENT = "  ";

  /** One entry per open container: whether it is written on one line. */
  private final Deque<Boolean> inline = new ArrayDeque<>();
  private boolean nextInline;

  /** Writes the next object or array on one line. */
  public void inlineNext() {
    nextInline = true;
  }

  private void open(JsonGenerator generator, char bracket) throws IOException {
    boolean outerInline = !inline.isEmpty() && inline.peek();
    inline.push(nextInline || outerInline);
    nextInline = false;
    generator.writeRaw(bracket);
  }

  private void close(JsonGenerator generator, char bracket, int entries) throws IOException {
    boolean wasInline = inline.pop();
    if (!wasInline && entries > 0) {
      newLine(generator);
    }
    generator.writeRaw(bracket);
  }

  private void separate(JsonGenerator generator) throws IOException {
    generator.writeRaw(',');
    if (inline.peek()) {
      generator.writeRaw(' ');
    } else {
      newLine(generator);
    }
  }

  private void beforeFirstEntry(JsonGenerator generator) throws IOException {
    if (!inline.peek()) {
      newLine(generator);
    }
  }

  private void newLine(JsonGenerator generator) throws IOException {
    generator.writeRaw('\n');
    generator.writeRaw(INDENT.repeat(inline.size()));
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator generator) throws IOException {
    generator.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator generator) throws IOException {
    open(generator, '{');
  }

  @Override
  public void writeEndObject(JsonGenerator generator, int entries) throws IOException {
    close(generator, '}', entries);
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator generator) throws IOException {
    separate(generator);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator generator) throws IOException {
    generator.writeRaw(": ");
  }

  @Override
  public void writeStartArray(JsonGenerator generator) throws IOException {
    open(generator, '[');
  }

  @Override
  public void writeEndArray(JsonGenerator generator, int values) throws IOException {
    close(generator, ']', values);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator generator) throws IOException {
    separate(generator);
  }

  @Override
  public void beforeArrayValues(JsonGenerator generator) throws IOException {
    beforeFirstEntry(generator);
  }

  @Override
  public void beforeObjectEntries(JsonGenerator generator) throws IOException {
    beforeFirstEntry(generator);
  }
}
