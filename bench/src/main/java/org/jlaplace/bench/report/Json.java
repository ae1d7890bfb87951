package org.jlaplace.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON output with keys in insertion order. JSON has no NaN or infinity: non-finite doubles are
 * written as {@code null} so every output parses with a strict reader.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {
    }

    /** A new insertion-ordered object. */
    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /** Pretty-printed JSON text of {@code value} (maps, lists, arrays, numbers, strings). */
    public static String pretty(Object value) {
        return write(MAPPER, value);
    }

    /** Single-line JSON text of {@code value}. */
    public static String compact(Object value) {
        return write(COMPACT, value);
    }

    private static String write(ObjectMapper m, Object value) {
        try {
            return m.writeValueAsString(sanitize(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON serialisation failed: " + e.getMessage(), e);
        }
    }

    /** Replaces non-finite doubles by null, recursively. */
    static Object sanitize(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? v : null;
        }
        if (v instanceof double[]) {
            double[] a = (double[]) v;
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                o[i] = sanitize(a[i]);
            }
            return o;
        }
        if (v instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                out.put(e.getKey(), sanitize(e.getValue()));
            }
            return out;
        }
        if (v instanceof List) {
            return ((List<?>) v).stream().map(Json::sanitize).toArray();
        }
        return v;
    }

    /** Parses JSON text into maps, lists, numbers and strings (used by tests and readers). */
    public static Object parse(String text) {
        try {
            return COMPACT.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
