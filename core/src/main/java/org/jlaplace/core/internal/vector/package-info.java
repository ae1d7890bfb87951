/**
 * The Vector API implementation of the kernel layer. This is the only package of jlaplace that
 * imports {@code jdk.incubator.vector}; it is loaded reflectively by
 * {@link org.jlaplace.core.kernels.KernelProvider} only when that module is in the boot layer.
 */
package org.jlaplace.core.internal.vector;
