package org.jlaplace.laplace.curvature;

/**
 * What KFAC needs from one Linear or Conv2d layer on a batch of {@code M} data (expand variant:
 * every spatial position {@code t} of a convolution counts as one more datum):
 * <ul>
 *   <li>{@code inputs}: the layer inputs {@code a_nt} (for Conv2d the im2col patches), row-major
 *       {@code (M·T)×in};</li>
 *   <li>{@code cotangents}: the output cotangents {@code b_nrt = ∂(a_nrᵀ f(x_n))/∂z_nt} of the
 *       weighted functions, with {@code z} the layer output, row-major {@code [M·R, out, T]}: the
 *       {@code out×T} matrix of row {@code n·R + r} starts at {@code (n·R + r)·out·T} and holds
 *       {@code b_nrt[o]} at {@code o·T + t} (for Linear, {@code T = 1}, simply {@code (M·R)×out});</li>
 *   <li>{@code weightGroup}: the parameter group of the weight ({@code out×in}, row-major, as
 *       PyTorch flattens it) and {@code biasGroup} that of the bias, or −1.</li>
 * </ul>
 */
public record KronCapture(int weightGroup, int biasGroup, double[] inputs, int inFeatures, double[] cotangents,
                          int outFeatures, int data, int positions) {

    public KronCapture {
        if (inputs.length % inFeatures != 0 || cotangents.length % outFeatures != 0) {
            throw new IllegalArgumentException("KFAC capture: inputs " + inputs.length + " not a multiple of "
                    + inFeatures + " or cotangents " + cotangents.length + " not a multiple of " + outFeatures);
        }
        if (cotangents.length / outFeatures % positions != 0) {
            throw new IllegalArgumentException("KFAC capture: cotangents " + cotangents.length + " not a multiple of "
                    + outFeatures + "×" + positions);
        }
        if (inputs.length / inFeatures != data * positions) {
            throw new IllegalArgumentException("KFAC capture: " + inputs.length / inFeatures + " input rows, expected "
                    + data + "×" + positions);
        }
    }

    /** The cotangent rows {@code M·R}: each holds an {@code out×T} matrix. */
    public int cotangentRows() {
        return cotangents.length / (outFeatures * positions);
    }
}
