package org.jlaplace.autodiff.nn;

import java.util.Locale;

/**
 * The floating-point type of a network's compute path. {@link #FLOAT64} runs every layer on
 * {@code double[]}; {@link #FLOAT32} runs forward, backward, the many-cotangent pullbacks and the
 * optimiser updates on {@code float[]} buffers, with the parameters kept as float32 values (stored
 * widened, so checkpoints and the float64 Laplace algebra read them unchanged). Answers handed to
 * float64 code (outputs, gradients, Jacobian factors) are widened exactly.
 */
public enum Dtype {
    FLOAT32,
    FLOAT64;

    /** The command-line name, {@code "float32"} or {@code "float64"}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The dtype named {@code float32} or {@code float64} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Dtype parse(String name) {
        for (Dtype d : values()) {
            if (d.cliName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "', expected float32 or float64");
    }
}
