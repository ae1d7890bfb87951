package org.jlaplace.laplace.predictive;

import org.jlaplace.laplace.prior.PriorStructure;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which approximation of the posterior precision {@code P0 + H} a GLM predictive uses (as
 * laplace-torch's {@code FullLaplace}, {@code DiagLaplace}, {@code KronLaplace}).
 */
public enum PosteriorStructure {
    /** {@code P0 + H} with the full {@code P×P} GGN ({@link GlmPredictive}). */
    FULL("full"),
    /** {@code diag(H) + P0} ({@link DiagonalGlmPredictive}). */
    DIAGONAL("diag"),
    /** Per layer {@code B ⊗ A + δ_w I} and {@code B + δ_b I} (KFAC, {@link KronGlmPredictive}). */
    KRON("kron");

    private final String cliName;

    PosteriorStructure(String cliName) {
        this.cliName = cliName;
    }

    /** The short name: {@code full}, {@code diag}, {@code kron}. */
    public String cliName() {
        return cliName;
    }

    /** The prior structures this posterior accepts: KRON needs one precision per parameter group. */
    public Set<PriorStructure> supportedPriors() {
        return this == KRON ? EnumSet.of(PriorStructure.SCALAR, PriorStructure.LAYERWISE)
                : EnumSet.allOf(PriorStructure.class);
    }

    /** Whether this posterior accepts a prior of that structure. */
    public boolean supports(PriorStructure prior) {
        return supportedPriors().contains(prior);
    }

    /** The structure of a short name (case-insensitive; {@code diagonal} is accepted for {@code diag}). */
    public static PosteriorStructure parse(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (PosteriorStructure p : values()) {
            if (p.cliName.equals(s) || p.name().toLowerCase(Locale.ROOT).equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("posterior structure '" + name + "' is not one of full, diag, kron");
    }
}
