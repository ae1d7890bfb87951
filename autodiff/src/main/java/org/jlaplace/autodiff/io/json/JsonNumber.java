package org.jlaplace.autodiff.io.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON number, kept as its source text so that integers beyond the range of {@code double}
 * (safetensors offsets are 64-bit) are not rounded before they are checked.
 */
public record JsonNumber(String text, JsonPosition position) implements JsonValue {

    public JsonNumber {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
    }

    /** An integer built in code. */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value), JsonPosition.NONE);
    }

    /**
     * A finite double built in code, written so that it parses back to the same double
     * ({@link Double#toString} is the shortest round-tripping decimal and valid JSON).
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (JSON has no such numbers)
     */
    public static JsonNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON number: " + value + " is not finite");
        }
        return new JsonNumber(Double.toString(value), JsonPosition.NONE);
    }

    /** The value rounded to the nearest double. */
    public double doubleValue() {
        return Double.parseDouble(text);
    }

    /**
     * The value as an exact integer, or {@code null} if it has a fractional part (written forms
     * such as {@code 3.0} or {@code 3e0} count as integers).
     */
    public BigInteger bigIntegerValueOrNull() {
        try {
            return new BigDecimal(text).toBigIntegerExact();
        } catch (ArithmeticException notAnInteger) {
            return null;
        }
    }

    @Override
    public String kind() {
        return "number";
    }
}
