package org.jlaplace.autodiff.io.json;

import java.util.List;
import java.util.Objects;

/** A JSON array; the element list is unmodifiable. */
public record JsonArray(List<JsonValue> elements, JsonPosition position) implements JsonValue {

    public JsonArray {
        elements = List.copyOf(elements);
        Objects.requireNonNull(position, "position");
    }

    /** An array built in code. */
    public static JsonArray of(List<? extends JsonValue> elements) {
        return new JsonArray(List.copyOf(elements), JsonPosition.NONE);
    }

    /** The number of elements. */
    public int size() {
        return elements.size();
    }

    /** The element at {@code index}. */
    public JsonValue get(int index) {
        return elements.get(index);
    }

    @Override
    public String kind() {
        return "array";
    }
}
