package org.jlaplace.autodiff.io.json;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes {@link JsonValue} trees as JSON text: compact (one line, for the safetensors header) or
 * pretty (two-space indentation, for model.json). Strings are escaped so that
 * {@link JsonParser#parse} returns an equal tree.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /** One-line JSON with no insignificant whitespace. */
    public static String compact(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out, -1, 0);
        return out.toString();
    }

    /**
     * Indented JSON. Arrays whose elements are all scalars stay on one line ({@code [1, 8, 8]}),
     * and so do objects whose members are all scalars (one layer per line in model.json).
     */
    public static String pretty(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 2, 0);
        out.append('\n');
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out, int indent, int level) {
        if (value instanceof JsonObject object) {
            writeObject(object, out, indent, level);
        } else if (value instanceof JsonArray array) {
            writeArray(array, out, indent, level);
        } else if (value instanceof JsonString string) {
            writeString(string.value(), out);
        } else if (value instanceof JsonNumber number) {
            out.append(number.text());
        } else if (value instanceof JsonBoolean bool) {
            out.append(bool.value());
        } else {
            out.append("null");
        }
    }

    private static void writeObject(JsonObject object, StringBuilder out, int indent, int level) {
        boolean multiline = indent > 0 && !allScalars(object.members().values());
        String separator = indent > 0 && !multiline ? ", " : ",";
        String colon = indent > 0 ? ": " : ":";
        out.append('{');
        Iterator<Map.Entry<String, JsonValue>> it = object.members().entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonValue> member = it.next();
            if (multiline) {
                newline(out, indent, level + 1);
            }
            writeString(member.getKey(), out);
            out.append(colon);
            write(member.getValue(), out, indent, level + 1);
            if (it.hasNext()) {
                out.append(separator);
            }
        }
        if (multiline && !object.members().isEmpty()) {
            newline(out, indent, level);
        }
        out.append('}');
    }

    private static void writeArray(JsonArray array, StringBuilder out, int indent, int level) {
        boolean multiline = indent > 0 && !allScalars(array.elements());
        String separator = indent > 0 && !multiline ? ", " : ",";
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (multiline) {
                newline(out, indent, level + 1);
            }
            write(array.get(i), out, indent, level + 1);
            if (i + 1 < array.size()) {
                out.append(separator);
            }
        }
        if (multiline && array.size() > 0) {
            newline(out, indent, level);
        }
        out.append(']');
    }

    private static boolean allScalars(Iterable<JsonValue> values) {
        for (JsonValue v : values) {
            if (v instanceof JsonObject || v instanceof JsonArray) {
                return false;
            }
        }
        return true;
    }

    private static void newline(StringBuilder out, int indent, int level) {
        out.append('\n');
        out.append(" ".repeat(indent * level));
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
