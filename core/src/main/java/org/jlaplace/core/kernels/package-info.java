/**
 * The kernel layer: elementwise and reduction kernels on {@code double[]} slices and the GEMM
 * micro-kernel, behind one interface ({@link org.jlaplace.core.kernels.VectorKernels}) with a scalar
 * implementation that always works and a Vector API implementation chosen at run time by
 * {@link org.jlaplace.core.kernels.KernelProvider}.
 */
package org.jlaplace.core.kernels;
