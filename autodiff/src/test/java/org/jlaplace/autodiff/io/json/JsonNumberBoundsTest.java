package org.jlaplace.autodiff.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The bounded integer reading shared by the safetensors header and model.json. */
class JsonNumberBoundsTest {

    private static JsonNumber number(String text) {
        try {
            return (JsonNumber) JsonParser.parse(text);
        } catch (JsonParseException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void hugeExponentsAreDecidedWithoutExpandingTheNumber() {
        JsonNumber huge = number("1e9999999999");
        assertTrue(huge.isInteger());
        assertTrue(huge.isIntegerAbove(Long.MAX_VALUE));
        assertEquals(OptionalLong.empty(), huge.longValueIn(0, Long.MAX_VALUE));
        JsonNumber large = number("1e999999999");
        assertTrue(large.isIntegerAbove(Integer.MAX_VALUE));
        JsonNumber tiny = number("1e-9999999999");
        assertFalse(tiny.isInteger());
        assertFalse(tiny.isIntegerAbove(0));
        assertEquals(OptionalLong.of(0), number("0e9999999999").longValueIn(0, 10));
        assertTrue(number("-1e9999999999").isInteger());
        assertFalse(number("-1e9999999999").isIntegerAbove(0));
    }

    @Test
    void writtenFormsOfIntegers() {
        assertEquals(OptionalLong.of(3), number("3.0").longValueIn(0, 10));
        assertEquals(OptionalLong.of(12), number("120e-1").longValueIn(0, 100));
        assertEquals(OptionalLong.of(15), number("1.5e1").longValueIn(0, 100));
        assertFalse(number("1.50").isInteger());
        assertFalse(number("12e-1").isInteger());
        assertEquals(OptionalLong.empty(), number("-3").longValueIn(0, 10));
        assertEquals(OptionalLong.of(-3), number("-3").longValueIn(-5, 10));
        assertTrue(number("11").isIntegerAbove(10));
        assertFalse(number("10").isIntegerAbove(10));
    }

    @Test
    void agreesWithBigDecimalOnModerateExponents() {
        qt().forAll(longs().between(-1_000_000_000_000L, 1_000_000_000_000L), integers().between(0, 6),
                integers().between(-20, 20)).checkAssert((m, fractionDigits, exponent) -> {
                    String digits = Long.toString(Math.abs(m));
                    String mantissa = fractionDigits < digits.length()
                            ? digits.substring(0, digits.length() - fractionDigits) + (fractionDigits > 0
                                    ? "." + digits.substring(digits.length() - fractionDigits) : "")
                            : digits;
                    String text = (m < 0 ? "-" : "") + mantissa + "e" + exponent;
                    BigDecimal exact = new BigDecimal(text);
                    boolean integer = exact.stripTrailingZeros().scale() <= 0;
                    JsonNumber n = number(text);
                    assertEquals(integer, n.isInteger(), text);
                    if (integer) {
                        BigInteger v = exact.toBigIntegerExact();
                        assertEquals(v, n.bigIntegerValueOrNull(), text);
                        boolean fits = v.bitLength() < 63;
                        assertEquals(fits ? OptionalLong.of(v.longValueExact()) : OptionalLong.empty(),
                                n.longValueIn(Long.MIN_VALUE >> 1, Long.MAX_VALUE >> 1), text);
                    }
                });
    }
}
