package org.jlaplace.core.linalg;

import org.jlaplace.core.Tensor;

/**
 * The eigen-decomposition {@code A = V·diag(λ)·Vᵀ} of a symmetric matrix.
 *
 * @param values  the eigenvalues {@code λ}, shape {@code [n]}, in ascending order
 * @param vectors the orthonormal eigenvectors as the columns of {@code V}, shape {@code [n, n]};
 *                column {@code i} belongs to {@code values[i]}
 */
public record SymmetricEigen(Tensor values, Tensor vectors) {
}
