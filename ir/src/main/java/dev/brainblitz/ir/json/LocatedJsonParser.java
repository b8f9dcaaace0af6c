package dev.brainblitz.ir.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JSON text into a {@link JsonValue} tree that remembers the line and column of every value,
 * using Jackson's streaming parser. Malformed JSON (including a truncated file or content after
 * the root value) becomes one {@link ErrorCode#JSON_SYNTAX} diagnostic at the position Jackson
 * reports; no Jackson exception escapes. A name repeated within one object is reported too, but
 * does not stop the read.
 */
public final class LocatedJsonParser {
  /**
   * Jackson limits number literals to 1000 characters, to protect conversions we never ask it for
   * (we take the text). Allowing longer ones lets readers report an overlong number as a number
   * too large for its field rather than as malformed JSON.
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(1 << 20).build())
      .build();

  private final String file;
  private final JsonParser parser;
  private final Diagnostics diagnostics;

  private LocatedJsonParser(String file, JsonParser parser, Diagnostics diagnostics) {
    this.file = file;
    this.parser = parser;
    this.diagnostics = diagnostics;
  }

  /** The root value of {@code text}, or empty after reporting why there is none. */
  public static Optional<JsonValue> parse(String file, String text, Diagnostics diagnostics) {
    JsonParser parser;
    try {
      parser = FACTORY.createParser(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a String", e);
    }
    try (parser) {
      return new LocatedJsonParser(file, parser, diagnostics).document();
    } catch (JsonProcessingException e) {
      diagnostics.error(ErrorCode.JSON_SYNTAX, at(file, e.getLocation(), parser.currentLocation()), describe(e));
      return Optional.empty();
    } catch (IOException e) {
      // Reading from a String fails only with the parse errors handled above.
      throw new UncheckedIOException(e);
    }
  }

  private Optional<JsonValue> document() throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      diagnostics.error(ErrorCode.JSON_SYNTAX, SourceSpan.startOf(file), "the file is empty; expected a JSON object");
      return Optional.empty();
    }
    JsonValue root = value(first);
    if (parser.nextToken() != null) {
      diagnostics.error(ErrorCode.JSON_SYNTAX, tokenSpan(1),
          "unexpected content after the end of the JSON value that starts at " + root.span());
      return Optional.empty();
    }
    return Optional.of(root);
  }

  private JsonValue value(JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> object();
      case START_ARRAY -> array();
      case VALUE_STRING -> string();
      case VALUE_NUMBER_INT -> number(true);
      case VALUE_NUMBER_FLOAT -> number(false);
      case VALUE_TRUE, VALUE_FALSE -> literal(JsonValue.Type.BOOLEAN);
      case VALUE_NULL -> literal(JsonValue.Type.NULL);
      case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
          throw new IllegalStateException("Jackson returned " + token + " where a value starts");
    };
  }

  private JsonValue.JsonObject object() throws IOException {
    SourceSpan span = tokenSpan(1);
    List<JsonValue.Member> members = new ArrayList<>();
    Map<String, SourceSpan> seen = new HashMap<>();
    for (JsonToken token = next(); token != JsonToken.END_OBJECT; token = next()) {
      String name = parser.currentName();
      SourceSpan nameSpan = tokenSpan(name.length() + 2);
      SourceSpan first = seen.putIfAbsent(name, nameSpan);
      if (first != null) {
        diagnostics.error(ErrorCode.JSON_SYNTAX, nameSpan,
            "field '" + name + "' appears twice in this object (first at " + first + ")");
      }
      members.add(new JsonValue.Member(name, nameSpan, value(next())));
    }
    return new JsonValue.JsonObject(members, span);
  }

  private JsonValue.JsonArray array() throws IOException {
    SourceSpan span = tokenSpan(1);
    List<JsonValue> elements = new ArrayList<>();
    for (JsonToken token = next(); token != JsonToken.END_ARRAY; token = next()) {
      elements.add(value(token));
    }
    return new JsonValue.JsonArray(elements, span);
  }

  private JsonValue.JsonString string() throws IOException {
    long start = parser.currentTokenLocation().getCharOffset();
    String text = parser.getText();
    // Escapes make the raw form longer than the text; equal lengths mean the text is verbatim.
    long rawLength = parser.currentLocation().getCharOffset() - start;
    return new JsonValue.JsonString(text, tokenSpan((int) rawLength), rawLength == text.length() + 2L);
  }

  private JsonValue.JsonNumber number(boolean integral) throws IOException {
    String literal = parser.getText();
    return new JsonValue.JsonNumber(literal, integral, tokenSpan(literal.length()));
  }

  private JsonValue.JsonLiteral literal(JsonValue.Type type) throws IOException {
    String literal = parser.getText();
    return new JsonValue.JsonLiteral(type, literal, tokenSpan(literal.length()));
  }

  /** The next token; Jackson throws on end of input inside a value, so this is never null. */
  private JsonToken next() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new IllegalStateException("Jackson ended the input inside a value without an error");
    }
    return token;
  }

  private SourceSpan tokenSpan(int length) {
    return at(file, parser.currentTokenLocation(), parser.currentLocation(), length);
  }

  private static SourceSpan at(String file, JsonLocation location, JsonLocation fallback) {
    return at(file, location, fallback, 1);
  }

  private static SourceSpan at(String file, JsonLocation location, JsonLocation fallback, int length) {
    JsonLocation known = location != null && location.getLineNr() > 0 ? location : fallback;
    if (known == null || known.getLineNr() < 1) {
      return SourceSpan.startOf(file);
    }
    return SourceSpan.of(file, known.getLineNr(), Math.max(1, known.getColumnNr()), length);
  }

  /** Jackson's message without its own location suffix, which our diagnostic already carries. */
  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    var nonNumeric = java.util.regex.Pattern.compile("Non-standard token '([^']*)'").matcher(message);
    if (nonNumeric.find()) {
      return "malformed JSON: " + nonNumeric.group(1) + " is not a JSON number (JSON has no NaN or infinity): "
          + "write a finite number";
    }
    // Jackson's advice names its own switches (features a user of blitz cannot turn on): drop it.
    message = message.replaceAll("\\s*(?:\\(|:|;)?\\s*(?:enable|disable) `[A-Za-z.]+`[^\\n]*", "");
    return "malformed JSON: "
        + message.replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "$1:$2").replace('\n', ' ');
  }
}
