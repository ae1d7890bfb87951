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
     * such as {@code 3.0} or {@code 3e0} count as integers) or more than
     * {@value #MAX_INTEGER_DIGITS} digits. Bounded: an exponent such as {@code 1e9999999999} is
     * decided from the text and never expanded.
     */
    public BigInteger bigIntegerValueOrNull() {
        Digits d = digits();
        if (d == null || d.integerDigits() > MAX_INTEGER_DIGITS) {
            return null;
        }
        return d.zero() ? BigInteger.ZERO : new BigDecimal(text).toBigIntegerExact();
    }

    /** Integers with more digits than this are out of range for every field read here. */
    public static final int MAX_INTEGER_DIGITS = 100;

    /** Whether the value is an integer (its fractional part is zero), however large. */
    public boolean isInteger() {
        return digits() != null;
    }

    /**
     * The value if it is an integer in {@code [min, max]}; empty for a fraction or an integer out
     * of that range (tell them apart with {@link #isInteger()}). This is the one bounded path by
     * which the safetensors header and model.json read integers.
     */
    public java.util.OptionalLong longValueIn(long min, long max) {
        BigInteger exact = bigIntegerValueOrNull();
        if (exact == null || exact.compareTo(BigInteger.valueOf(min)) < 0 || exact.compareTo(BigInteger.valueOf(max)) > 0) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(exact.longValueExact());
    }

    /** Whether the value is an integer greater than {@code max} (e.g. {@code 1e9999999999}). */
    public boolean isIntegerAbove(long max) {
        if (digits() == null) {
            return false;
        }
        BigInteger exact = bigIntegerValueOrNull();
        if (exact == null) {
            return !text.startsWith("-"); // an integer of more than MAX_INTEGER_DIGITS digits
        }
        return exact.compareTo(BigInteger.valueOf(max)) > 0;
    }

    /** The text shortened to at most 40 characters for messages (a hostile number can be long). */
    public String shortText() {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /**
     * The decimal digits of an integer value: {@code integerDigits} is the number of digits before
     * the decimal point once the exponent is applied (0 for zero); {@code null} if the value has a
     * non-zero fractional part. Works on the text, so the exponent's size does not matter.
     */
    private Digits digits() {
        String t = text.startsWith("-") ? text.substring(1) : text;
        int e = Math.max(t.indexOf('e'), t.indexOf('E'));
        String mantissa = e < 0 ? t : t.substring(0, e);
        int dot = mantissa.indexOf('.');
        String whole = dot < 0 ? mantissa : mantissa.substring(0, dot);
        String fraction = dot < 0 ? "" : mantissa.substring(dot + 1);
        String all = stripLeadingZeros(whole + fraction);
        if (all.isEmpty()) {
            return new Digits(true, 0);
        }
        int trailingZeros = 0;
        while (trailingZeros < all.length() && all.charAt(all.length() - 1 - trailingZeros) == '0') {
            trailingZeros++;
        }
        long exponent = e < 0 ? 0 : clampedExponent(t.substring(e + 1));
        // value = all × 10^(exponent − fraction.length()); its integer digits and whether a fraction remains:
        long shift = exponent - fraction.length();
        if (shift < -trailingZeros) {
            return null;
        }
        return new Digits(false, all.length() + shift);
    }

    private record Digits(boolean zero, long integerDigits) {
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** The exponent, clamped to ±10^15 (anything beyond decides the result the same way). */
    private static long clampedExponent(String s) {
        boolean negative = s.startsWith("-");
        String digits = stripLeadingZeros(s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s);
        long v = digits.length() > 15 ? 1_000_000_000_000_000L : (digits.isEmpty() ? 0 : Long.parseLong(digits));
        return negative ? -v : v;
    }

    @Override
    public String kind() {
        return "number";
    }
}
