package org.jlaplace.autodiff.io.json;

import java.util.Objects;

/** A JSON {@code true} or {@code false}. */
public record JsonBoolean(boolean value, JsonPosition position) implements JsonValue {

    public JsonBoolean {
        Objects.requireNonNull(position, "position");
    }

    /** A boolean built in code. */
    public static JsonBoolean of(boolean value) {
        return new JsonBoolean(value, JsonPosition.NONE);
    }

    @Override
    public String kind() {
        return "boolean";
    }
}
