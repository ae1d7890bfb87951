package org.jlaplace.bench.data;

/**
 * Bad input data: the message starts with {@code file:line:column:} (1-based, as compilers report
 * positions) when a position is known, so that editors and users can jump to the offending cell.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem with the file as a whole (no line or column). */
    public DataFormatException(String file, String problem) {
        super(file + ": " + problem);
    }

    /** A problem at one line (column unknown or irrelevant). */
    public DataFormatException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    /** A problem at one cell; {@code column} is the 1-based field number. */
    public DataFormatException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
    }

    /** A problem with the file as a whole, caused by an I/O error. */
    public DataFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
