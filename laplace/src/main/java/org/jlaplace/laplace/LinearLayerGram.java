package org.jlaplace.laplace;

/**
 * One Linear layer's share of a batch's weighted kernels, unexpanded: with cotangent rows
 * {@code b_i} ({@code i = n·R + r}, {@code n·R×out}) and layer inputs {@code x_n} ({@code M×in}),
 * the weight kernel is {@code W_ij = Q_ij·A_{n(i) n(j)}} and the bias kernel {@code Q_ij}, where
 * {@code Q = B Bᵀ} ({@code cotangentGram}, {@code (M·R)×(M·R)}, lower triangle only) and
 * {@code A = X Xᵀ} ({@code inputGram}, {@code M×M}, full). Keeping {@code Q} and the small
 * {@code A} instead of both kernels halves the {@code (M·R)²} storage and traffic.
 *
 * @param weightGroup the weight's parameter group
 * @param biasGroup   the bias's parameter group, or −1 for a layer without bias
 */
public record LinearLayerGram(int weightGroup, int biasGroup, double[] cotangentGram, double[] inputGram, int m,
                              int r) {
}
