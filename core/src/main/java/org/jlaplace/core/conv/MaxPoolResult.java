package org.jlaplace.core.conv;

import org.jlaplace.core.Tensor;

/**
 * The result of {@link Pool2d#maxForward}.
 *
 * @param out    the pooled tensor {@code [N, C, outH, outW]}
 * @param argmax for every output element (row-major), the flat row-major index into the input
 *               {@code [N, C, H, W]} of the maximum it took; what {@link Pool2d#maxBackward} routes
 *               the gradient to
 */
public record MaxPoolResult(Tensor out, int[] argmax) {
}
