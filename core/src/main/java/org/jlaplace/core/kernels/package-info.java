/**
 * The kernel layer: elementwise and reduction kernels and the GEMM micro-kernel on {@code double[]}
 * slices ({@link org.jlaplace.core.kernels.VectorKernels}) and on {@code float[]} slices
 * ({@link org.jlaplace.core.kernels.FloatKernels}, which also holds the max-pooling window kernel),
 * each with a scalar implementation that always works and a Vector API implementation, chosen
 * together at run time by {@link org.jlaplace.core.kernels.KernelProvider}.
 */
package org.jlaplace.core.kernels;
