package org.jlaplace.bench.cli;

import org.jlaplace.bench.data.Task;
import org.jlaplace.laplace.prior.PriorStructure;
import picocli.CommandLine.Option;

/** Prior precision, its structure, observation noise and temperature (MATHEMATICS.md §1-§2). */
public final class PriorOptions {
    @Option(names = "--prior-precision", paramLabel = "D",
            description = "Prior precision δ (every group/parameter starts at D for layerwise/diagonal).")
    Double priorPrecision;

    @Option(names = "--prior-structure", paramLabel = "scalar|layerwise|diagonal",
            description = "One δ, one δ per parameter tensor, or one per parameter (default: scalar for evidence and bounds, layerwise for marglik).")
    String priorStructure;

    @Option(names = "--prior-precisions", paramLabel = "D", split = ",", splitSynopsisLabel = ",",
            description = "Layerwise: one δ per parameter tensor in model order (0.weight, 0.bias, 2.weight, ...); diagonal: one per parameter.")
    double[] priorPrecisions;

    @Option(names = "--sigma", paramLabel = "S", description = "Regression: observation noise standard deviation σ (default 1).")
    Double sigma;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1",
            description = "Temperature dividing the log-likelihood and its Hessian (default: ${DEFAULT-VALUE}).")
    double temperature;

    /** The structure, validated (scalar when not given). */
    PriorStructure structure() {
        return structureOr(PriorStructure.SCALAR);
    }

    /** The structure, validated, or {@code fallback} when not given. */
    PriorStructure structureOr(PriorStructure fallback) {
        if (priorStructure == null) {
            return fallback;
        }
        try {
            return PriorStructure.parse(priorStructure);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--prior-structure '" + priorStructure + "' is not one of scalar, layerwise, diagonal");
        }
    }

    /**
     * Checks every value: positive and finite; {@code --sigma} only for regression;
     * {@code --prior-precisions} only with a layerwise or diagonal structure. Whether at least one
     * of {@code --prior-precision} and {@code --prior-precisions} is needed is the caller's choice.
     */
    void validate(Task task, boolean precisionRequired) {
        PriorStructure s = structureOr(precisionRequired ? PriorStructure.SCALAR : PriorStructure.LAYERWISE);
        if (priorPrecision != null) {
            positive("--prior-precision", priorPrecision);
        }
        if (priorPrecisions != null) {
            if (s == PriorStructure.SCALAR) {
                throw new BadInputException("--prior-precisions needs --prior-structure layerwise or diagonal; use --prior-precision D for a scalar prior");
            }
            for (int i = 0; i < priorPrecisions.length; i++) {
                positive("--prior-precisions value " + (i + 1), priorPrecisions[i]);
            }
        }
        if (precisionRequired && priorPrecision == null && priorPrecisions == null) {
            throw new BadInputException("--prior-precision D is required (or --prior-precisions for a layerwise prior)");
        }
        if (sigma != null) {
            if (task != Task.REGRESSION) {
                throw new BadInputException("--sigma applies to regression only");
            }
            positive("--sigma", sigma);
        }
        positive("--temperature", temperature);
    }

    /** σ for regression (default 1). */
    double sigmaOrDefault() {
        return sigma == null ? 1.0 : sigma;
    }

    /**
     * The prior precisions, one per hyperparameter of the structure: {@code groups} values for
     * layerwise (named by {@code groupNames}), {@code parameters} for diagonal.
     */
    double[] precisions(String[] groupNames, int parameters) {
        return precisions(structure(), groupNames, parameters);
    }

    /** {@link #precisions(String[], int)} for the given structure. */
    double[] precisions(PriorStructure s, String[] groupNames, int parameters) {
        int need = s == PriorStructure.SCALAR ? 1 : s == PriorStructure.LAYERWISE ? groupNames.length : parameters;
        if (priorPrecisions != null) {
            if (priorPrecisions.length != need) {
                throw new BadInputException("--prior-precisions: " + priorPrecisions.length + " values given, the "
                        + s.cliName() + " prior of this model needs " + need
                        + (s == PriorStructure.LAYERWISE ? " (one per parameter tensor: " + String.join(", ", groupNames) + ")" : ""));
            }
            return priorPrecisions.clone();
        }
        double[] d = new double[need];
        java.util.Arrays.fill(d, priorPrecision == null ? 1.0 : priorPrecision);
        return d;
    }

    /** Smallest and largest scale accepted: their squares and reciprocals stay finite and normal. */
    static final double MIN_SCALE = 1e-150;
    static final double MAX_SCALE = 1e150;

    /**
     * {@code v} must be positive and finite, and within [{@value #MIN_SCALE}, {@value #MAX_SCALE}]:
     * the Laplace computations use {@code v²} and {@code 1/v}, which would overflow outside.
     */
    static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new BadInputException(what + " " + v + ": must be positive and finite");
        }
        if (v < MIN_SCALE || v > MAX_SCALE) {
            throw new BadInputException(what + " " + v + ": must lie in [" + MIN_SCALE + ", " + MAX_SCALE
                    + "] (its square or reciprocal would overflow)");
        }
    }
}
