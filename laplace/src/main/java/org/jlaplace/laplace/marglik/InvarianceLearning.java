package org.jlaplace.laplace.marglik;

import java.util.List;
import org.jlaplace.autodiff.augment.AffineGenerator;

/**
 * Invariance learning (Immer et al. 2022): the network is trained as the augmented model
 * {@code f̄(x) = (1/S) Σ_s f(T(x; η ⊙ ε_s))}, {@code ε_s ~ U[−1, 1]^k}, with fresh noise per
 * minibatch and per hyper-step, and every hyper-step also takes an Adam step on the extents
 * through {@code η = softplus(ρ) = log(1 + e^ρ)}, which keeps {@code η > 0} and behaves like
 * {@code log η} for small extents.
 *
 * @param generators      the transforms whose extents are learned (at least one)
 * @param samples         {@code S}, augmentation samples per input (≥ 1)
 * @param learnExtents    false keeps {@code η} at {@code initialExtent} (0 with one sample: the plain network)
 * @param initialExtent   {@code η} at the start, the same for every generator (finite, ≥ 0, > 0 when learned)
 * @param learningRate    Adam rate of {@code ρ}
 * @param imageShape      {@code [C, H, W]}, the shape the transforms act on
 */
public record InvarianceLearning(List<AffineGenerator> generators, int samples, boolean learnExtents,
                                 double initialExtent, double learningRate, int[] imageShape) {

    /** Checks every setting; messages name the setting and the value. */
    public InvarianceLearning {
        if (generators == null || generators.isEmpty()) {
            throw new IllegalArgumentException("invariance: at least one transform is needed");
        }
        generators = List.copyOf(generators);
        if (samples < 1) {
            throw new IllegalArgumentException("invariance: aug-samples must be ≥ 1, got " + samples);
        }
        if (!Double.isFinite(initialExtent) || initialExtent < 0 || (learnExtents && initialExtent == 0)) {
            throw new IllegalArgumentException("invariance: the initial extent must be finite, ≥ 0, and > 0 when learned, got "
                    + initialExtent);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("invariance: aug-lr must be positive and finite, got " + learningRate);
        }
        if (imageShape == null || imageShape.length != 3) {
            throw new IllegalArgumentException("invariance: the image shape must be [C, H, W]");
        }
        for (int d : imageShape) {
            if (d < 1) {
                throw new IllegalArgumentException("invariance: image dimensions must be ≥ 1, got " + d);
            }
        }
        imageShape = imageShape.clone();
    }

    @Override
    public int[] imageShape() {
        return imageShape.clone();
    }
}
