package dev.brainblitz.ir.json;

import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * The fields of one JSON object as a file format defines them. Creating it reports every field the
 * format does not know ({@link ErrorCode#JSON_UNKNOWN_FIELD}, at the field's name); the getters
 * report a missing field ({@link ErrorCode#JSON_MISSING_FIELD}, at the object's opening brace) or a
 * value of the wrong type ({@link ErrorCode#JSON_TYPE}, at the value) and return empty.
 */
public final class JsonFields {
  private final JsonValue.JsonObject object;
  private final String owner;
  private final Diagnostics diagnostics;

  private JsonFields(JsonValue.JsonObject object, String owner, Diagnostics diagnostics) {
    this.object = object;
    this.owner = owner;
    this.diagnostics = diagnostics;
  }

  /**
   * The fields of {@code object}, which messages call {@code owner} (e.g. "dense 'fc1'"), whose
   * format allows exactly the fields {@code known}.
   */
  public static JsonFields of(JsonValue.JsonObject object, String owner, List<String> known, Diagnostics diagnostics) {
    for (JsonValue.Member member : object.members()) {
      if (!known.contains(member.name())) {
        diagnostics.error(ErrorCode.JSON_UNKNOWN_FIELD, member.nameSpan(),
            "unknown field '" + member.name() + "' in " + owner + "; expected " + String.join(", ", known));
      }
    }
    return new JsonFields(object, owner, diagnostics);
  }

  public JsonValue.JsonObject object() {
    return object;
  }

  public Optional<JsonValue> optional(String name) {
    return object.member(name).map(JsonValue.Member::value);
  }

  public Optional<JsonValue> required(String name) {
    var value = optional(name);
    if (value.isEmpty()) {
      diagnostics.error(ErrorCode.JSON_MISSING_FIELD, object.span(), owner + " has no field '" + name + "'");
    }
    return value;
  }

  public Optional<JsonValue.JsonString> string(String name) {
    return required(name).flatMap(v -> asString(v, field(name), diagnostics));
  }

  /** A required field holding an integer literal (no fraction, no exponent). */
  public Optional<JsonValue.JsonNumber> integer(String name) {
    return required(name).flatMap(v -> asInteger(v, field(name), diagnostics));
  }

  public Optional<JsonValue.JsonNumber> number(String name) {
    return required(name).flatMap(v -> asNumber(v, field(name), diagnostics));
  }

  public Optional<JsonValue.JsonArray> array(String name) {
    return required(name).flatMap(v -> asArray(v, field(name), diagnostics));
  }

  public Optional<JsonValue.JsonObject> objectField(String name) {
    return required(name).flatMap(v -> asObject(v, field(name), diagnostics));
  }

  /** How messages name field {@code name} of this object. */
  public String field(String name) {
    return "'" + name + "' of " + owner;
  }

  public static Optional<JsonValue.JsonString> asString(JsonValue value, String what, Diagnostics diagnostics) {
    return value instanceof JsonValue.JsonString s ? Optional.of(s) : wrongType(value, what, "a string", diagnostics);
  }

  public static Optional<JsonValue.JsonNumber> asNumber(JsonValue value, String what, Diagnostics diagnostics) {
    return value instanceof JsonValue.JsonNumber n ? Optional.of(n) : wrongType(value, what, "a number", diagnostics);
  }

  public static Optional<JsonValue.JsonNumber> asInteger(JsonValue value, String what, Diagnostics diagnostics) {
    if (value instanceof JsonValue.JsonNumber n && !n.integral()) {
      diagnostics.error(ErrorCode.JSON_TYPE, value.span(), what + " must be an integer, got " + n.literal());
      return Optional.empty();
    }
    return value instanceof JsonValue.JsonNumber n ? Optional.of(n) : wrongType(value, what, "an integer", diagnostics);
  }

  public static Optional<JsonValue.JsonArray> asArray(JsonValue value, String what, Diagnostics diagnostics) {
    return value instanceof JsonValue.JsonArray a ? Optional.of(a) : wrongType(value, what, "an array", diagnostics);
  }

  public static Optional<JsonValue.JsonObject> asObject(JsonValue value, String what, Diagnostics diagnostics) {
    return value instanceof JsonValue.JsonObject o ? Optional.of(o) : wrongType(value, what, "an object", diagnostics);
  }

  private static <T> Optional<T> wrongType(JsonValue value, String what, String expected, Diagnostics diagnostics) {
    diagnostics.error(ErrorCode.JSON_TYPE, value.span(),
        what + " must be " + expected + ", got " + value.type().description());
    return Optional.empty();
  }
}
