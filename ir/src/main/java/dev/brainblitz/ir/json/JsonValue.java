package dev.brainblitz.ir.json;

import dev.brainblitz.ir.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * A JSON value together with where it was read, so that a reader can point its diagnostics at the
 * offending value. Produced by {@link LocatedJsonParser}; readers of our file formats walk it with
 * {@link JsonFields}.
 */
public sealed interface JsonValue
    permits JsonValue.JsonObject, JsonValue.JsonArray, JsonValue.JsonString, JsonValue.JsonNumber, JsonValue.JsonLiteral {

  /** Where the value starts: its opening brace, bracket or quote, or its first character. */
  SourceSpan span();

  Type type();

  /** The kinds of JSON value, named as messages name them ("expected an array, got a string"). */
  enum Type {
    OBJECT("an object"),
    ARRAY("an array"),
    STRING("a string"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    NULL("null");

    private final String description;

    Type(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** An object's members in file order; a name may repeat (the parser reports it), the first wins. */
  record JsonObject(List<Member> members, SourceSpan span) implements JsonValue {
    public JsonObject {
      members = List.copyOf(members);
    }

    public Optional<Member> member(String name) {
      return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    @Override
    public Type type() {
      return Type.OBJECT;
    }
  }

  /** One {@code "name": value} pair; {@code nameSpan} is the position of the name's opening quote. */
  record Member(String name, SourceSpan nameSpan, JsonValue value) {}

  record JsonArray(List<JsonValue> elements, SourceSpan span) implements JsonValue {
    public JsonArray {
      elements = List.copyOf(elements);
    }

    public int size() {
      return elements.size();
    }

    public JsonValue get(int index) {
      return elements.get(index);
    }

    @Override
    public Type type() {
      return Type.ARRAY;
    }
  }

  /**
   * A string, unescaped. {@code verbatim} says that the file holds exactly {@code text} between the
   * quotes (no escapes), so a character offset into the text is also a column offset in the file.
   */
  record JsonString(String text, SourceSpan span, boolean verbatim) implements JsonValue {
    /**
     * The span of {@code length} characters starting at {@code offset} in the text: exact when the
     * string was written verbatim, otherwise the whole string (escapes shift columns).
     */
    public SourceSpan spanOf(int offset, int length) {
      if (!verbatim || !span.isKnown()) {
        return span;
      }
      // +1 skips the opening quote; a JSON string cannot span lines.
      return SourceSpan.of(span.file(), span.line(), span.column() + 1 + offset, length);
    }

    @Override
    public Type type() {
      return Type.STRING;
    }
  }

  /** A number as written; {@code integral} when the literal has no fraction and no exponent. */
  record JsonNumber(String literal, boolean integral, SourceSpan span) implements JsonValue {
    @Override
    public Type type() {
      return Type.NUMBER;
    }
  }

  /** {@code true}, {@code false} or {@code null}. */
  record JsonLiteral(Type type, String literal, SourceSpan span) implements JsonValue {}
}
