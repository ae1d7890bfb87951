package org.jlaplace.autodiff.io.json;

/**
 * Malformed JSON text. {@link #getMessage()} reads {@code "line L, column C: problem"};
 * the position is also available separately.
 */
public final class JsonParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;

    public JsonParseException(int line, int column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** 1-based line of the offending character. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending character. */
    public int column() {
        return column;
    }

    /** The problem without the position. */
    public String problem() {
        return problem;
    }
}
