package org.jlaplace.autodiff.nn;

import java.util.Arrays;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.SGemm;

/** Kernels of {@link Linear}: {@code y_n = W x_n + b}, all products by GEMM (SGEMM for the float32 twins). */
final class LinearOp extends LayerOp {
    private final int in;
    private final int out;

    LinearOp(Linear layer, int[] inShape, int[] outShape) {
        super(inShape, outShape);
        this.in = layer.inFeatures();
        this.out = layer.outFeatures();
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        Gemm.gemm(false, true, m, out, in, 1.0, x, 0, in, params[0], 0, in, 0.0, y, 0, out);
        addBias(params[1], m, y);
        return null;
    }

    private void addBias(double[] b, int rows, double[] y) {
        if (b == null) {
            return;
        }
        for (int row = 0; row < rows; row++) {
            int base = row * out;
            for (int o = 0; o < out; o++) {
                y[base + o] += b[o];
            }
        }
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        // gx = gy W : [m·r, out] × [out, in]
        Gemm.gemm(false, false, m * r, in, out, 1.0, gy, 0, out, params[0], 0, in, 0.0, gx, 0, in);
    }

    @Override
    void backwardParams(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[][] grads) {
        if (grads[0] != null) {
            // gW[q] = Σ_n gy[n·r+q]ᵀ x_n for all q at once: gy is [m, r·out], so gyᵀ x is [r·out, in] = [r, out, in]
            Gemm.gemm(true, false, r * out, in, m, 1.0, gy, 0, r * out, x, 0, in, 1.0, grads[0], 0, in);
        }
        if (params[1] != null && grads[1] != null) {
            double[] gb = grads[1];
            for (int n = 0; n < m; n++) {
                int base = n * r * out;
                for (int j = 0; j < r * out; j++) {
                    gb[j] += gy[base + j];
                }
            }
        }
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx != null) {
            Gemm.gemm(false, true, m * r, out, in, 1.0, tx, 0, in, params[0], 0, in, 0.0, ty, 0, out);
        } else {
            Arrays.fill(ty, 0, m * r * out, 0.0);
        }
        if (v == null) {
            return;
        }
        if (v[0] != null) {
            // ty[n·r+q] += V_q x_n for all q at once: x [m, in] × [r·out, in]ᵀ is [m, r·out] = ty's layout
            Gemm.gemm(false, true, m, r * out, in, 1.0, x, 0, in, v[0], 0, in, 1.0, ty, 0, r * out);
        }
        if (v.length > 1 && v[1] != null) {
            for (int n = 0; n < m; n++) {
                int base = n * r * out;
                for (int j = 0; j < r * out; j++) {
                    ty[base + j] += v[1][j];
                }
            }
        }
    }

    /** One position: the input rows themselves. */
    @Override
    int[] kroneckerShape() {
        return new int[] {1, in, out};
    }

    @Override
    double[] kroneckerInputs(double[] x, Object saved) {
        return x;
    }

    // ---- float32 twins ----

    @Override
    Object forward(float[] x, int m, float[][] params, float[] y, Object reuse) {
        SGemm.gemm(false, true, m, out, in, 1f, x, 0, in, params[0], 0, in, 0f, y, 0, out);
        if (params[1] != null) {
            float[] b = params[1];
            for (int row = 0; row < m; row++) {
                int base = row * out;
                for (int o = 0; o < out; o++) {
                    y[base + o] += b[o];
                }
            }
        }
        return null;
    }

    @Override
    void backwardInput(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[] gx) {
        SGemm.gemm(false, false, m * r, in, out, 1f, gy, 0, out, params[0], 0, in, 0f, gx, 0, in);
    }

    @Override
    void backwardParams(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[][] grads) {
        if (grads[0] != null) {
            SGemm.gemm(true, false, r * out, in, m, 1f, gy, 0, r * out, x, 0, in, 1f, grads[0], 0, in);
        }
        if (params[1] != null && grads[1] != null) {
            float[] gb = grads[1];
            for (int n = 0; n < m; n++) {
                int base = n * r * out;
                for (int j = 0; j < r * out; j++) {
                    gb[j] += gy[base + j];
                }
            }
        }
    }

    @Override
    void jvp(float[] x, Object saved, int m, int r, float[] tx, float[][] params, float[][] v, float[] ty) {
        if (tx != null) {
            SGemm.gemm(false, true, m * r, out, in, 1f, tx, 0, in, params[0], 0, in, 0f, ty, 0, out);
        } else {
            Arrays.fill(ty, 0, m * r * out, 0f);
        }
        if (v == null) {
            return;
        }
        if (v[0] != null) {
            SGemm.gemm(false, true, m, r * out, in, 1f, x, 0, in, v[0], 0, in, 1f, ty, 0, r * out);
        }
        if (v.length > 1 && v[1] != null) {
            for (int n = 0; n < m; n++) {
                int base = n * r * out;
                for (int j = 0; j < r * out; j++) {
                    ty[base + j] += v[1][j];
                }
            }
        }
    }

    @Override
    float[] kroneckerInputs(float[] x, Object saved) {
        return x;
    }
}
