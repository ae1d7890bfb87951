package org.jlaplace.laplace.invariance;

import org.jlaplace.laplace.BoundValue;

/**
 * One evaluation of the stochastic kernel bound of an augmented model: the value and its
 * decomposition with gradients in {@code log δ} and {@code log σ} (as {@link BoundValue}), and the
 * gradient in the augmentation extents {@code η} (one entry per generator).
 */
public record InvarianceBound(BoundValue value, double[] gradEta) {
}
