package dev.brainblitz.ir.json;

import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;

/**
 * The two fields every brain-blitz JSON file starts with: {@code "format"}, which names the kind of
 * file, and {@code "version"}, the version of that format.
 */
public final class JsonHeader {
  private JsonHeader() {}

  /**
   * Whether {@code root} is a file of kind {@code format} in version {@code version}. Reports
   * {@link ErrorCode#JSON_BAD_FORMAT} for a missing or different marker and
   * {@link ErrorCode#UNSUPPORTED_VERSION} for another version. Readers check this before anything
   * else: the fields of another kind or version of file would only produce noise.
   */
  public static boolean check(JsonValue.JsonObject root, String format, int version, Diagnostics diagnostics) {
    var marker = root.member("format").map(JsonValue.Member::value);
    if (marker.isEmpty()) {
      diagnostics.error(ErrorCode.JSON_BAD_FORMAT, root.span(),
          "not a brain-blitz file: there is no \"format\" field (expected \"format\": \"" + format + "\")");
      return false;
    }
    if (!(marker.get() instanceof JsonValue.JsonString found) || !found.text().equals(format)) {
      String shown = marker.get() instanceof JsonValue.JsonString s ? "\"" + s.text() + "\"" : marker.get().type().description();
      diagnostics.error(ErrorCode.JSON_BAD_FORMAT, marker.get().span(),
          "\"format\" is " + shown + "; expected \"" + format + "\"");
      return false;
    }
    var versionValue = root.member("version").map(JsonValue.Member::value);
    if (versionValue.isEmpty()) {
      diagnostics.error(ErrorCode.JSON_MISSING_FIELD, root.span(), "the file has no field 'version'");
      return false;
    }
    var number = JsonFields.asInteger(versionValue.get(), "'version'", diagnostics);
    if (number.isEmpty()) {
      return false;
    }
    if (!number.get().literal().equals(Integer.toString(version))) {
      diagnostics.error(ErrorCode.UNSUPPORTED_VERSION, number.get().span(),
          "version " + number.get().literal() + " of \"" + format + "\" is not supported; this build reads version " + version);
      return false;
    }
    return true;
  }
}
