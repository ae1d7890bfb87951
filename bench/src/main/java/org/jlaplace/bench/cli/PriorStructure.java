package org.jlaplace.bench.cli;

import java.util.Locale;

/** The structure of the prior precision (MATHEMATICS.md §1): one δ, one per parameter tensor, one per parameter. */
public enum PriorStructure {
    /** One δ for every parameter. */
    SCALAR,
    /** One δ per parameter tensor (group), in model order. */
    LAYERWISE,
    /** One δ per parameter. */
    DIAGONAL;

    /** Parses {@code scalar|layerwise|diagonal}. */
    public static PriorStructure parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--prior-structure '" + s + "' is not one of scalar, layerwise, diagonal");
        }
    }

    /** The command-line spelling. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
