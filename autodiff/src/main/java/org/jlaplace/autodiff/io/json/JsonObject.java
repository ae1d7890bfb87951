package org.jlaplace.autodiff.io.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A JSON object; members keep their source order and the map is unmodifiable. */
public record JsonObject(Map<String, JsonValue> members, JsonPosition position) implements JsonValue {

    public JsonObject {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        Objects.requireNonNull(position, "position");
    }

    /** An object built in code from members in the given (iteration) order. */
    public static JsonObject of(Map<String, ? extends JsonValue> members) {
        return new JsonObject(new LinkedHashMap<>(members), JsonPosition.NONE);
    }

    /** The member named {@code key}, or {@code null} if absent. */
    public JsonValue get(String key) {
        return members.get(key);
    }

    /** Whether a member named {@code key} exists. */
    public boolean has(String key) {
        return members.containsKey(key);
    }

    @Override
    public String kind() {
        return "object";
    }
}
