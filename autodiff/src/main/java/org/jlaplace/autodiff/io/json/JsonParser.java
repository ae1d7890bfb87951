package org.jlaplace.autodiff.io.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser producing {@link JsonValue} trees with positions.
 *
 * <p>Strict means: no comments, no trailing commas, no NaN/Infinity, no leading zeros, no
 * unescaped control characters in strings, no duplicate object keys (they are ambiguous, and a
 * file with two "0.weight" entries is certainly broken). Nesting is limited to
 * {@value #MAX_DEPTH} levels so hostile input cannot overflow the stack.
 */
public final class JsonParser {

    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private int index;
    private int line = 1;
    private int lineStart;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value; only whitespace may follow it.
     *
     * @throws JsonParseException with the line and column of the first offending character
     */
    public static JsonValue parse(String text) throws JsonParseException {
        JsonParser parser = new JsonParser(text);
        parser.skipWhitespace();
        JsonValue value = parser.parseValue();
        parser.skipWhitespace();
        if (parser.index < text.length()) {
            throw parser.error("unexpected " + parser.describeCurrent() + " after the end of the JSON value");
        }
        return value;
    }

    private JsonValue parseValue() throws JsonParseException {
        if (index >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(index);
        switch (c) {
            case '{':
                return parseObject();
            case '[':
                return parseArray();
            case '"': {
                JsonPosition at = position();
                return new JsonString(parseString(), at);
            }
            case 't': {
                JsonPosition at = position();
                expectLiteral("true");
                return new JsonBoolean(true, at);
            }
            case 'f': {
                JsonPosition at = position();
                expectLiteral("false");
                return new JsonBoolean(false, at);
            }
            case 'n': {
                JsonPosition at = position();
                expectLiteral("null");
                return new JsonNull(at);
            }
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return parseNumber();
                }
                throw error("unexpected " + describeCurrent() + ", expected a value");
        }
    }

    private JsonObject parseObject() throws JsonParseException {
        JsonPosition at = position();
        enterNested();
        index++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            index++;
            depth--;
            return new JsonObject(members, at);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeCurrent() + ", expected a string key");
            }
            int keyLine = line;
            int keyColumn = index - lineStart + 1;
            String key = parseString();
            if (members.containsKey(key)) {
                throw new JsonParseException(keyLine, keyColumn, "duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            expect(':', "':' after an object key");
            skipWhitespace();
            members.put(key, parseValue());
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                index++;
            } else if (c == '}') {
                index++;
                depth--;
                return new JsonObject(members, at);
            } else {
                throw error("unexpected " + describeCurrent() + ", expected ',' or '}' in an object");
            }
        }
    }

    private JsonArray parseArray() throws JsonParseException {
        JsonPosition at = position();
        enterNested();
        index++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            index++;
            depth--;
            return new JsonArray(elements, at);
        }
        while (true) {
            skipWhitespace();
            elements.add(parseValue());
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                index++;
            } else if (c == ']') {
                index++;
                depth--;
                return new JsonArray(elements, at);
            } else {
                throw error("unexpected " + describeCurrent() + ", expected ',' or ']' in an array");
            }
        }
    }

    private void enterNested() throws JsonParseException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private String parseString() throws JsonParseException {
        index++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (index >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(index);
            if (c == '"') {
                index++;
                return out.toString();
            }
            if (c == '\\') {
                index++;
                if (index >= text.length()) {
                    throw error("unterminated string");
                }
                char e = text.charAt(index);
                switch (e) {
                    case '"': out.append('"'); break;
                    case '\\': out.append('\\'); break;
                    case '/': out.append('/'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'u':
                        out.append(parseHex4());
                        continue;
                    default:
                        throw error("invalid escape '\\" + e + "' in a string");
                }
                index++;
                continue;
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c)
                        + " in a string (must be escaped)");
            }
            out.append(c);
            index++;
        }
    }

    /** Reads the four hex digits after "\\u"; on return {@code index} is past them. */
    private char parseHex4() throws JsonParseException {
        int value = 0;
        for (int k = 1; k <= 4; k++) {
            int at = index + k;
            int digit = at < text.length() ? Character.digit(text.charAt(at), 16) : -1;
            if (digit < 0) {
                throw error("invalid \\u escape: expected four hex digits");
            }
            value = value * 16 + digit;
        }
        index += 5;
        return (char) value;
    }

    private JsonNumber parseNumber() throws JsonParseException {
        JsonPosition at = position();
        int start = index;
        if (peek() == '-') {
            index++;
        }
        if (peek() == '0') {
            index++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("unexpected " + describeCurrent() + ", expected a digit");
        }
        if (peek() == '.') {
            index++;
            if (!isDigit(peek())) {
                throw error("unexpected " + describeCurrent() + ", expected a digit after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            index++;
            if (peek() == '+' || peek() == '-') {
                index++;
            }
            if (!isDigit(peek())) {
                throw error("unexpected " + describeCurrent() + ", expected a digit in the exponent");
            }
            skipDigits();
        }
        return new JsonNumber(text.substring(start, index), at);
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            index++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expectLiteral(String literal) throws JsonParseException {
        if (!text.startsWith(literal, index)) {
            throw error("unexpected " + describeCurrent() + ", expected a value");
        }
        index += literal.length();
    }

    private void expect(char c, String what) throws JsonParseException {
        if (peek() != c) {
            throw error("unexpected " + describeCurrent() + ", expected " + what);
        }
        index++;
    }

    private void skipWhitespace() {
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\n') {
                line++;
                lineStart = index + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            index++;
        }
    }

    /** The current character, or NUL at the end of input (NUL is never valid there). */
    private char peek() {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private String describeCurrent() {
        if (index >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(index);
        if (c < 0x20 || c == 0x7f) {
            return String.format("character U+%04X", (int) c);
        }
        return "character '" + c + "'";
    }

    private JsonPosition position() {
        return new JsonPosition(line, index - lineStart + 1);
    }

    private JsonParseException error(String problem) {
        return new JsonParseException(line, index - lineStart + 1, problem);
    }
}
