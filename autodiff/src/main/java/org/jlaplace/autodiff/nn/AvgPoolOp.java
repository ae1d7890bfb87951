package org.jlaplace.autodiff.nn;

import java.util.Arrays;

/**
 * Kernels of {@link AvgPool2d}: a fixed linear map, so backward and tangent need nothing saved.
 * The float32 twins sum each window in float and scale by the float {@code 1/k²}.
 */
final class AvgPoolOp extends PoolOp {
    private final double scale;
    private final float scale32;

    AvgPoolOp(AvgPool2d layer, int[] inShape, int[] outShape) {
        super(layer, inShape, outShape);
        this.scale = 1.0 / (k * k);
        this.scale32 = 1f / (k * k);
    }

    /** {@code out[row] = A in[row]} for {@code rows} rows: the window average. */
    private void average(double[] in, int rows, double[] out) {
        for (int row = 0; row < rows; row++) {
            int inBase = row * inSize;
            int o = row * outSize;
            for (int c = 0; c < channels; c++) {
                int plane = inBase + planeOffset(c);
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        double sum = 0;
                        for (int u = 0; u < k; u++) {
                            int start = windowRow(plane, i, j, u);
                            for (int v = 0; v < k; v++) {
                                sum += in[start + v];
                            }
                        }
                        out[o++] = sum * scale;
                    }
                }
            }
        }
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        average(x, m, y);
        return null;
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        Arrays.fill(gx, 0, m * r * inSize, 0.0);
        for (int row = 0; row < m * r; row++) {
            int inBase = row * inSize;
            int o = row * outSize;
            for (int c = 0; c < channels; c++) {
                int plane = inBase + planeOffset(c);
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        double g = gy[o++] * scale;
                        for (int u = 0; u < k; u++) {
                            int start = windowRow(plane, i, j, u);
                            for (int v = 0; v < k; v++) {
                                gx[start + v] += g;
                            }
                        }
                    }
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
        average(tx, m * r, ty);
    }

    // ---- float32 twins ----

    /** {@link #average(double[], int, double[])} on {@code float[]}. */
    private void average(float[] in, int rows, float[] out) {
        for (int row = 0; row < rows; row++) {
            int inBase = row * inSize;
            int o = row * outSize;
            for (int c = 0; c < channels; c++) {
                int plane = inBase + planeOffset(c);
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        float sum = 0f;
                        for (int u = 0; u < k; u++) {
                            int start = windowRow(plane, i, j, u);
                            for (int v = 0; v < k; v++) {
                                sum += in[start + v];
                            }
                        }
                        out[o++] = sum * scale32;
                    }
                }
            }
        }
    }

    @Override
    Object forward(float[] x, int m, float[][] params, float[] y, Object reuse) {
        average(x, m, y);
        return null;
    }

    @Override
    void backwardInput(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[] gx) {
        Arrays.fill(gx, 0, m * r * inSize, 0f);
        for (int row = 0; row < m * r; row++) {
            int inBase = row * inSize;
            int o = row * outSize;
            for (int c = 0; c < channels; c++) {
                int plane = inBase + planeOffset(c);
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        float g = gy[o++] * scale32;
                        for (int u = 0; u < k; u++) {
                            int start = windowRow(plane, i, j, u);
                            for (int v = 0; v < k; v++) {
                                gx[start + v] += g;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    void jvp(float[] x, Object saved, int m, int r, float[] tx, float[][] params, float[][] v, float[] ty) {
        if (tx == null) {
            Arrays.fill(ty, 0, m * r * outSize, 0f);
            return;
        }
        average(tx, m * r, ty);
    }
}
