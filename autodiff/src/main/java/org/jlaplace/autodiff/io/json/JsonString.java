package org.jlaplace.autodiff.io.json;

import java.util.Objects;

/** A JSON string (already unescaped). */
public record JsonString(String value, JsonPosition position) implements JsonValue {

    public JsonString {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    /** A string built in code. */
    public static JsonString of(String value) {
        return new JsonString(value, JsonPosition.NONE);
    }

    @Override
    public String kind() {
        return "string";
    }
}
