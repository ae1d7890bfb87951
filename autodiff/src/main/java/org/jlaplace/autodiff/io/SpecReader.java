package org.jlaplace.autodiff.io;

import java.nio.file.Path;
import java.util.Set;
import org.jlaplace.autodiff.io.json.JsonArray;
import org.jlaplace.autodiff.io.json.JsonBoolean;
import org.jlaplace.autodiff.io.json.JsonNumber;
import org.jlaplace.autodiff.io.json.JsonObject;
import org.jlaplace.autodiff.io.json.JsonValue;

/**
 * Typed access to the fields of a parsed model.json; every failure becomes a
 * {@link ModelFormatException} naming the file, the line and column of the offending value, and
 * the field.
 */
final class SpecReader {

    private final Path file;

    SpecReader(Path file) {
        this.file = file;
    }

    ModelFormatException error(JsonValue at, String problem) {
        String where = at.position().isKnown() ? at.position() + ": " : "";
        return new ModelFormatException(file, where + problem);
    }

    JsonObject object(JsonValue value, String what) throws ModelFormatException {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw error(value, what + " must be an object, found a " + value.kind());
    }

    JsonArray array(JsonValue value, String what) throws ModelFormatException {
        if (value instanceof JsonArray a) {
            return a;
        }
        throw error(value, what + " must be an array, found a " + value.kind());
    }

    JsonValue required(JsonObject object, String field, String what) throws ModelFormatException {
        JsonValue v = object.get(field);
        if (v == null) {
            throw error(object, what + ": missing \"" + field + "\"");
        }
        return v;
    }

    /** Rejects fields outside {@code allowed} (typos would otherwise be silently ignored). */
    void onlyFields(JsonObject object, Set<String> allowed, String what) throws ModelFormatException {
        for (String key : object.members().keySet()) {
            if (!allowed.contains(key)) {
                throw error(object.get(key), what + ": unknown field \"" + key + "\" (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** An integer value in {@code [min, Integer.MAX_VALUE]}, read by the bounded path shared with safetensors. */
    int integer(JsonValue value, String what, int min) throws ModelFormatException {
        if (value instanceof JsonNumber n) {
            java.util.OptionalLong exact = n.longValueIn(min, Integer.MAX_VALUE);
            if (exact.isPresent()) {
                return (int) exact.getAsLong();
            }
            throw error(value, what + " must be an integer ≥ " + min + (n.isIntegerAbove(Integer.MAX_VALUE)
                    ? " and ≤ " + Integer.MAX_VALUE : "") + ", found " + n.shortText());
        }
        throw error(value, what + " must be an integer, found a " + value.kind());
    }

    int integer(JsonObject object, String field, String what, int min, int fallback) throws ModelFormatException {
        JsonValue v = object.get(field);
        return v == null ? fallback : integer(v, what + ": " + field, min);
    }

    /**
     * An {@code int} or a two-element list {@code [h, w]} (PyTorch's {@code _pair} arguments).
     *
     * @return {@code {h, w}}
     */
    int[] pair(JsonValue value, String what, int min) throws ModelFormatException {
        if (value instanceof JsonArray a) {
            if (a.size() != 2) {
                throw error(value, what + " must be an integer or a list of two integers, found a list of " + a.size());
            }
            return new int[] {integer(a.get(0), what + "[0]", min), integer(a.get(1), what + "[1]", min)};
        }
        int v = integer(value, what, min);
        return new int[] {v, v};
    }

    /** A pair whose two entries must agree (the layers here use one stride and padding for both axes). */
    int square(JsonValue value, String what, int min) throws ModelFormatException {
        int[] p = pair(value, what, min);
        if (p[0] != p[1]) {
            throw error(value, what + " [" + p[0] + ", " + p[1] + "] differs between height and width, which is not supported");
        }
        return p[0];
    }

    boolean bool(JsonObject object, String field, String what, boolean fallback) throws ModelFormatException {
        JsonValue v = object.get(field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof JsonBoolean b) {
            return b.value();
        }
        throw error(v, what + ": " + field + " must be true or false, found a " + v.kind());
    }

    double finite(JsonObject object, String field, String what, double fallback) throws ModelFormatException {
        JsonValue v = object.get(field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof JsonNumber n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw error(v, what + ": " + field + " must be a finite number, found "
                + (v instanceof JsonNumber n ? n.text() : "a " + v.kind()));
    }
}
