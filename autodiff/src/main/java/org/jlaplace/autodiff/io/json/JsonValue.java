package org.jlaplace.autodiff.io.json;

/**
 * A JSON value: object, array, string, number, boolean or null. Each value carries the position
 * where it started in the parsed text, so that later semantic checks can report line and column.
 */
public sealed interface JsonValue
        permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** Where this value starts in the source text ({@link JsonPosition#NONE} if built in code). */
    JsonPosition position();

    /** A short name of the kind of value, for error messages: "object", "array", "string", ... */
    String kind();
}
