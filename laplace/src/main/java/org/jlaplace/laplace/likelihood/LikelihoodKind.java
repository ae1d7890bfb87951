package org.jlaplace.laplace.likelihood;

import java.util.Locale;

/** The observation models the library has, one per {@link Likelihood} implementation. */
public enum LikelihoodKind {
    /** {@link GaussianLikelihood}: regression with noise {@code σ}. */
    GAUSSIAN,
    /** {@link CategoricalLikelihood}: softmax classification. */
    CATEGORICAL;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
