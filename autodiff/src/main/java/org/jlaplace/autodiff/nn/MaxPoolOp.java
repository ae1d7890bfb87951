package org.jlaplace.autodiff.nn;

import java.util.Arrays;

/**
 * Kernels of {@link MaxPool2d}. The forward pass saves, per example and output entry, the index
 * of the selected input entry; backward scatters to it and the tangent rule gathers from it.
 */
final class MaxPoolOp extends PoolOp {

    MaxPoolOp(MaxPool2d layer, int[] inShape, int[] outShape) {
        super(layer, inShape, outShape);
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        int[] argmax = new int[m * outSize];
        for (int n = 0; n < m; n++) {
            int xBase = n * inSize;
            int o = n * outSize;
            for (int c = 0; c < channels; c++) {
                int plane = planeOffset(c);
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        int best = windowRow(plane, i, j, 0);
                        double bestValue = x[xBase + best];
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                int idx = windowRow(plane, i, j, u) + v;
                                if (x[xBase + idx] > bestValue) {
                                    bestValue = x[xBase + idx];
                                    best = idx;
                                }
                            }
                        }
                        y[o] = bestValue;
                        argmax[o++] = best;
                    }
                }
            }
        }
        return argmax;
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        int[] argmax = (int[]) saved;
        Arrays.fill(gx, 0, m * r * inSize, 0.0);
        for (int n = 0; n < m; n++) {
            for (int q = 0; q < r; q++) {
                int row = n * r + q;
                for (int j = 0; j < outSize; j++) {
                    gx[row * inSize + argmax[n * outSize + j]] += gy[row * outSize + j];
                }
            }
        }
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx == null) {
            Arrays.fill(ty, 0, m * r * outSize, 0.0);
            return;
        }
        int[] argmax = (int[]) saved;
        for (int n = 0; n < m; n++) {
            for (int q = 0; q < r; q++) {
                int row = n * r + q;
                for (int j = 0; j < outSize; j++) {
                    ty[row * outSize + j] = tx[row * inSize + argmax[n * outSize + j]];
                }
            }
        }
    }
}
