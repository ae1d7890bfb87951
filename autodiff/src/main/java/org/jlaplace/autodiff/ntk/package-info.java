/**
 * Per-example Jacobians and empirical neural tangent kernels of a
 * {@link org.jlaplace.autodiff.nn.Sequential} on one batch (MATHEMATICS.md §9):
 * {@link org.jlaplace.autodiff.ntk.Jacobians#perExample} ({@code [M, C, P]}),
 * {@link org.jlaplace.autodiff.ntk.Ntk#kernels} (one {@code [M·C, M·C]} kernel per parameter group,
 * row {@code n·C + c}), {@link org.jlaplace.autodiff.ntk.Ntk#weightedKernels} (kernels of the
 * functions {@code a_nrᵀ f(x_n)}, row {@code n·R + r}), {@link org.jlaplace.autodiff.ntk.Ntk#kernel}
 * (the prior-weighted total without per-group storage) and
 * {@link org.jlaplace.autodiff.ntk.Ntk#kernelVectorProduct} (matrix-free {@code K v}). Every
 * result is computed from one batched forward trace and one batched backward pass of all output
 * cotangents, never one pass per example.
 */
package org.jlaplace.autodiff.ntk;
