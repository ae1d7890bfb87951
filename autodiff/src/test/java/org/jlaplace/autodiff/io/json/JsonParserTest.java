package org.jlaplace.autodiff.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    @Test
    void parsesEveryKindOfValueWithPositions() throws JsonParseException {
        String text = "{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"b\": \"x\\u00e9\\n\\\"\"\n}";
        JsonObject root = assertInstanceOf(JsonObject.class, JsonParser.parse(text));
        assertEquals(new JsonPosition(1, 1), root.position());
        JsonArray a = assertInstanceOf(JsonArray.class, root.get("a"));
        assertEquals(new JsonPosition(2, 8), a.position());
        assertEquals(5, a.size());
        assertEquals(1.0, ((JsonNumber) a.get(0)).doubleValue());
        assertEquals(-2500.0, ((JsonNumber) a.get(1)).doubleValue());
        assertEquals(new JsonPosition(2, 12), a.get(1).position());
        assertEquals(true, ((JsonBoolean) a.get(2)).value());
        assertEquals(new JsonPosition(2, 20), a.get(2).position());
        assertEquals(false, ((JsonBoolean) a.get(3)).value());
        assertInstanceOf(JsonNull.class, a.get(4));
        assertEquals(new JsonPosition(2, 33), a.get(4).position());
        JsonString b = assertInstanceOf(JsonString.class, root.get("b"));
        assertEquals("x\u00e9\n\"", b.value());
        assertEquals(new JsonPosition(3, 8), b.position());
    }

    @Test
    void keepsLargeIntegersExact() throws JsonParseException {
        JsonNumber n = (JsonNumber) JsonParser.parse("18446744073709551615");
        assertEquals(new BigInteger("18446744073709551615"), n.bigIntegerValueOrNull());
        assertEquals(BigInteger.valueOf(3), ((JsonNumber) JsonParser.parse("3.0")).bigIntegerValueOrNull());
        assertEquals(null, ((JsonNumber) JsonParser.parse("3.5")).bigIntegerValueOrNull());
    }

    @Test
    void decodesSurrogatePairs() throws JsonParseException {
        JsonString s = (JsonString) JsonParser.parse("\"\\ud83d\\ude00\"");
        assertEquals("\uD83D\uDE00", s.value());
    }

    private static void assertError(String text, int line, int column, String fragment) {
        JsonParseException e = assertThrows(JsonParseException.class, () -> JsonParser.parse(text), text);
        assertEquals(line, e.line(), () -> "line of: " + e.getMessage());
        assertEquals(column, e.column(), () -> "column of: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ", column " + column + ": "), e.getMessage());
        assertTrue(e.problem().contains(fragment), () -> e.getMessage() + " should mention " + fragment);
    }

    @Test
    void reportsLineAndColumnOfSyntaxErrors() {
        assertError("{\"a\": 1,\n \"b\" 2}", 2, 6, "expected ':'");
        assertError("[1, 2,]", 1, 7, "expected a value");
        assertError("{\"a\": 1,}", 1, 9, "expected a string key");
        assertError("[1 2]", 1, 4, "expected ',' or ']'");
        assertError("{\"a\": tru}", 1, 7, "expected a value");
        assertError("\n\n   [01]", 3, 6, "leading zero");
        assertError("[1.]", 1, 4, "digit after '.'");
        assertError("[1e]", 1, 4, "exponent");
        assertError("[NaN]", 1, 2, "character 'N'");
        assertError("\"abc", 1, 5, "unterminated string");
        assertError("\"a\tb\"", 1, 3, "control character U+0009");
        assertError("\"\\x\"", 1, 3, "invalid escape");
        assertError("\"\\u12g4\"", 1, 3, "four hex digits");
        assertError("{\"k\": 1,\n  \"k\": 2}", 2, 3, "duplicate key \"k\"");
        assertError("[1] x", 1, 5, "after the end");
        assertError("", 1, 1, "end of input");
        assertError("[1,\n2", 2, 2, "end of input");
        assertError("//c\n1", 1, 1, "character '/'");
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
        assertError(deep, 1, JsonParser.MAX_DEPTH + 1, "nesting deeper");
    }

    @Test
    void acceptsNestingUpToTheLimit() throws JsonParseException {
        String deep = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        assertInstanceOf(JsonArray.class, JsonParser.parse(deep));
    }

    /** Random trees survive writing (compact and pretty) and parsing, ignoring positions. */
    @Test
    void writeThenParseIsIdentity() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            JsonValue tree = randomValue(new Random(seed), 0);
            try {
                assertEquals(strip(tree), strip(JsonParser.parse(JsonWriter.compact(tree))));
                assertEquals(strip(tree), strip(JsonParser.parse(JsonWriter.pretty(tree))));
            } catch (JsonParseException e) {
                throw new AssertionError(e.getMessage() + " in " + JsonWriter.compact(tree), e);
            }
        });
    }

    @Test
    void prettyKeepsScalarArraysOnOneLine() {
        JsonValue v = JsonObject.of(Map.of("input_shape",
                JsonArray.of(List.of(JsonNumber.of(1), JsonNumber.of(8), JsonNumber.of(8)))));
        assertEquals("{\n  \"input_shape\": [1, 8, 8]\n}\n", JsonWriter.pretty(v));
    }

    @Test
    void doublesRoundTripExactly() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(bits -> {
            double d = Double.longBitsToDouble(bits);
            if (Double.isFinite(d)) {
                assertEquals(d, JsonNumber.of(d).doubleValue());
            } else {
                assertThrows(IllegalArgumentException.class, () -> JsonNumber.of(d));
            }
        });
    }

    /** A position-free view of a tree, comparable with equals. */
    private static Object strip(JsonValue v) {
        if (v instanceof JsonObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.members().forEach((k, x) -> m.put(k, strip(x)));
            return m;
        }
        if (v instanceof JsonArray a) {
            List<Object> l = new ArrayList<>();
            a.elements().forEach(x -> l.add(strip(x)));
            return l;
        }
        if (v instanceof JsonString s) {
            return "s:" + s.value();
        }
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof JsonBoolean b) {
            return b.value();
        }
        return "null";
    }

    private static JsonValue randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 4 : 6);
        switch (kind) {
            case 0:
                return JsonString.of(randomString(r));
            case 1:
                return r.nextBoolean() ? JsonNumber.of(r.nextLong()) : JsonNumber.of(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
            case 2:
                return JsonBoolean.of(r.nextBoolean());
            case 3:
                return new JsonNull(JsonPosition.NONE);
            case 4: {
                List<JsonValue> elements = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    elements.add(randomValue(r, depth + 1));
                }
                return JsonArray.of(elements);
            }
            default: {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    members.put(randomString(r), randomValue(r, depth + 1));
                }
                return JsonObject.of(members);
            }
        }
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            int pick = r.nextInt(5);
            s.append(pick == 0 ? (char) r.nextInt(0x20) : pick == 1 ? "\"\\/".charAt(r.nextInt(3))
                    : pick == 2 ? (char) (0xa0 + r.nextInt(0x2000)) : (char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }
}
