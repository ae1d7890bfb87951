package org.jlaplace.autodiff.io.json;

import java.util.Objects;

/** The JSON {@code null}. */
public record JsonNull(JsonPosition position) implements JsonValue {

    public JsonNull {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String kind() {
        return "null";
    }
}
