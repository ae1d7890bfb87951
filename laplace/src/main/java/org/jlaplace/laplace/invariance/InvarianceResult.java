package org.jlaplace.laplace.invariance;

import java.util.List;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The outcome of {@link InvarianceMarglik#train}: the trained augmented model (its network holds
 * the MAP parameters), the learned extents {@code η} (one per generator, in normalised units: use
 * {@link org.jlaplace.autodiff.augment.AffineGenerator#reportedExtent} for radians/fractions),
 * the learned prior and likelihood, and the per-epoch history.
 */
public record InvarianceResult(AugmentedModel model, double[] extents, Prior prior, Likelihood likelihood,
                               List<EpochMetrics> history) {
}
