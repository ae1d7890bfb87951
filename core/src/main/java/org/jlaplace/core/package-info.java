/** Dense double tensors, the kernel layer (SIMD and scalar), GEMM, convolution and the linear algebra of jlaplace. */
package org.jlaplace.core;
