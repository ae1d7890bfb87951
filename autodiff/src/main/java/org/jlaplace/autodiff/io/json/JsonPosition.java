package org.jlaplace.autodiff.io.json;

/**
 * Where a JSON value starts in its source text: 1-based line and column (in UTF-16 code units).
 * Values built in code, not parsed, have {@link #NONE}.
 */
public record JsonPosition(int line, int column) {

    /** The position of values that were not parsed from text. */
    public static final JsonPosition NONE = new JsonPosition(0, 0);

    /** Whether this position refers to real source text. */
    public boolean isKnown() {
        return line > 0;
    }

    /** {@code "line L, column C"}, or an empty string for {@link #NONE}. */
    @Override
    public String toString() {
        return isKnown() ? "line " + line + ", column " + column : "";
    }
}
