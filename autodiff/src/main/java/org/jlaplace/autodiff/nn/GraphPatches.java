package org.jlaplace.autodiff.nn;

import java.util.Arrays;
import org.jlaplace.autodiff.Var;

/**
 * The input patches of a convolution (im2col) as a differentiable gather:
 * {@code [N, C, H, W]} → {@code [N, L, C·k·k]} with {@code L = Ho·Wo} output positions (row-major)
 * and columns in the order of a weight {@code [O, C, k, k]}; entries in the zero padding read an
 * appended constant zero, so the gather's adjoint (a scatter-add) is the usual col2im.
 */
final class GraphPatches {
    private GraphPatches() {
    }

    static Var of(Var x, int kernel, int stride, int padding) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("GraphPatches: expected NCHW input, got " + Arrays.toString(s));
        }
        int n = s[0];
        int c = s[1];
        int h = s[2];
        int w = s[3];
        int ho = (h + 2 * padding - kernel) / stride + 1;
        int wo = (w + 2 * padding - kernel) / stride + 1;
        int width = c * kernel * kernel;
        int zero = n * c * h * w;
        int[] index = new int[n * ho * wo * width];
        int q = 0;
        for (int img = 0; img < n; img++) {
            for (int oi = 0; oi < ho; oi++) {
                for (int oj = 0; oj < wo; oj++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int ki = 0; ki < kernel; ki++) {
                            for (int kj = 0; kj < kernel; kj++) {
                                int r = oi * stride + ki - padding;
                                int col = oj * stride + kj - padding;
                                boolean inside = r >= 0 && r < h && col >= 0 && col < w;
                                index[q++] = inside ? ((img * c + ch) * h + r) * w + col : zero;
                            }
                        }
                    }
                }
            }
        }
        Var flat = Var.concat(0, x.reshape(-1), Var.zeros(1));
        return flat.indexSelect(0, index).reshape(n, ho * wo, width);
    }
}
