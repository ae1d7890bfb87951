/**
 * The primitives of the AD engine, one class each, holding the forward computation on
 * {@link org.jlaplace.core.Tensor}s, the JVP rule and the VJP rule; all are listed in
 * {@link org.jlaplace.autodiff.primitives.PrimitiveTable}. Linear primitives come in adjoint
 * pairs (slice/concat, indexSelect/indexAdd, conv2d with its input and weight adjoints), so the
 * VJP of a VJP is again a primitive and derivatives of any order are available.
 */
package org.jlaplace.autodiff.primitives;
