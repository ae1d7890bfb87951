/**
 * jlaplace autodiff: the automatic-differentiation engine.
 *
 * <p>{@link org.jlaplace.autodiff.Var} is a graph node (a tensor value, the primitive that made
 * it and its inputs); its methods are the differentiable operations. The transformations of
 * {@link org.jlaplace.autodiff.AD} ({@code grad}, {@code valueAndGrad}, {@code vjp}, {@code jvp},
 * {@code linearize}, {@code jacrev}, {@code jacfwd}, {@code hessian}, {@code hvp}) evaluate a
 * function once, recording the graph, and sweep it with the primitives' VJP rules (reverse mode)
 * or JVP rules (forward mode). The rules are written in {@code Var} operations, so transformations
 * nest to any order. Pooling, grid sampling ({@link org.jlaplace.autodiff.Images}), activations
 * and losses ({@link org.jlaplace.autodiff.LossFunctions}) are compositions of primitives.
 */
package org.jlaplace.autodiff;
