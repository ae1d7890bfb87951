package org.jlaplace.laplace.prior;

import java.util.Locale;

/**
 * How the prior precisions {@code δ} are shared among the parameters (MATHEMATICS.md §1): one for all,
 * one per parameter group (tensor), or one per parameter. The one vocabulary for prior structures
 * of the library and the command line.
 */
public enum PriorStructure {
    /** One δ for every parameter: {@code P0 = δ·I}. */
    SCALAR,
    /** One δ per parameter group, in model order. */
    LAYERWISE,
    /** One δ per parameter. */
    DIAGONAL;

    /** The lower-case spelling used in messages and on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether every parameter group has one precision (scalar, layerwise): KFAC and group norms need it. */
    public boolean constantOnGroups() {
        return this != DIAGONAL;
    }

    /** The number of precisions for a model with these groups. */
    public int count(ParameterGroups groups) {
        return switch (this) {
            case SCALAR -> 1;
            case LAYERWISE -> groups.count();
            case DIAGONAL -> groups.totalSize();
        };
    }

    @Override
    public String toString() {
        return cliName();
    }

    /** The structure of {@code scalar|layerwise|diagonal} (case-insensitive). */
    public static PriorStructure parse(String name) {
        for (PriorStructure s : values()) {
            if (s.cliName().equalsIgnoreCase(name == null ? "" : name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("prior structure: unknown '" + name
                + "', expected scalar, layerwise or diagonal");
    }
}
