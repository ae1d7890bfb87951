package org.jlaplace.bench.data;

/** What the last column(s) of a data set hold. */
public enum Task {
    /** Integer class labels {@code 0..C-1} in the last column; softmax likelihood. */
    CLASSIFICATION,
    /** Real targets in the last {@code K} columns; Gaussian likelihood. */
    REGRESSION;

    /** Parses the command-line spelling {@code classification|regression}. */
    public static Task parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "classification": return CLASSIFICATION;
            case "regression": return REGRESSION;
            default: throw new IllegalArgumentException(
                    "likelihood '" + s + "' is not one of classification, regression");
        }
    }

    /** The command-line spelling. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
