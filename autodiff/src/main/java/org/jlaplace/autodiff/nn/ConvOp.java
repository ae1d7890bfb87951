package org.jlaplace.autodiff.nn;

import java.util.Arrays;
import org.jlaplace.core.linalg.Gemm;

/**
 * Kernels of {@link Conv2d} by im2col: with the patch matrix {@code P_n} ({@code [S, D]},
 * {@code S = H_out·W_out}, {@code D = C_in·k·k}) of example {@code n}, the layer is the GEMM
 * {@code Y_n = W P_nᵀ + b 1ᵀ} ({@code [C_out, S]}). The forward pass saves the patches
 * ({@code [M, S, D]}); they give the weight cotangent {@code Σ_n G_n P_n} and are the KFAC input.
 */
final class ConvOp extends LayerOp {
    private final int inC;
    private final int height;
    private final int width;
    private final int outC;
    private final int k;
    private final int stride;
    private final int pad;
    private final int outH;
    private final int outW;
    final int spatial;
    final int patchSize;

    ConvOp(Conv2d layer, int[] inShape, int[] outShape) {
        super(inShape, outShape);
        this.inC = inShape[0];
        this.height = inShape[1];
        this.width = inShape[2];
        this.outC = layer.outChannels();
        this.k = layer.kernelSize();
        this.stride = layer.stride();
        this.pad = layer.padding();
        this.outH = outShape[1];
        this.outW = outShape[2];
        this.spatial = outH * outW;
        this.patchSize = inC * k * k;
    }

    /** {@code dst[s·D + (c·k + u)·k + v] = src[c, i·stride + u − pad, j·stride + v − pad]} (0 outside), {@code s = i·W_out + j}. */
    void im2col(double[] src, int srcOff, double[] dst, int dstOff) {
        int d = dstOff;
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                for (int c = 0; c < inC; c++) {
                    int plane = srcOff + c * height * width;
                    for (int u = 0; u < k; u++) {
                        int h = i * stride + u - pad;
                        boolean rowInside = h >= 0 && h < height;
                        for (int v = 0; v < k; v++) {
                            int w = j * stride + v - pad;
                            dst[d++] = rowInside && w >= 0 && w < width ? src[plane + h * width + w] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: adds every patch entry back to the pixel it was read from. */
    void col2im(double[] cols, int colOff, double[] dst, int dstOff) {
        int d = colOff;
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                for (int c = 0; c < inC; c++) {
                    int plane = dstOff + c * height * width;
                    for (int u = 0; u < k; u++) {
                        int h = i * stride + u - pad;
                        boolean rowInside = h >= 0 && h < height;
                        for (int v = 0; v < k; v++) {
                            int w = j * stride + v - pad;
                            if (rowInside && w >= 0 && w < width) {
                                dst[plane + h * width + w] += cols[d];
                            }
                            d++;
                        }
                    }
                }
            }
        }
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        int block = spatial * patchSize;
        double[] patches = new double[m * block];
        for (int n = 0; n < m; n++) {
            im2col(x, n * inSize, patches, n * block);
            Gemm.gemm(false, true, outC, spatial, patchSize, 1.0, params[0], 0, patchSize,
                    patches, n * block, patchSize, 0.0, y, n * outSize, spatial);
        }
        addBias(params[1], m, y, 0);
        return patches;
    }

    /** {@code y[row, o, s] += b[q·C_out + o]} for every row, {@code q = row mod r} when {@code r > 0}, else {@code q = 0}. */
    private void addBias(double[] b, int rows, double[] y, int r) {
        if (b == null) {
            return;
        }
        for (int row = 0; row < rows; row++) {
            int bOff = r > 0 ? (row % r) * outC : 0;
            for (int o = 0; o < outC; o++) {
                int base = row * outSize + o * spatial;
                double bo = b[bOff + o];
                for (int s = 0; s < spatial; s++) {
                    y[base + s] += bo;
                }
            }
        }
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        double[] cols = new double[spatial * patchSize];
        Arrays.fill(gx, 0, m * r * inSize, 0.0);
        for (int row = 0; row < m * r; row++) {
            // patch cotangent [S, D] = G_rowᵀ W with G_row = gy[row] as [C_out, S]
            Gemm.gemm(true, false, spatial, patchSize, outC, 1.0, gy, row * outSize, spatial,
                    params[0], 0, patchSize, 0.0, cols, 0, patchSize);
            col2im(cols, 0, gx, row * inSize);
        }
    }

    @Override
    void backwardParams(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[][] grads) {
        double[] patches = (double[]) saved;
        int block = spatial * patchSize;
        for (int n = 0; n < m; n++) {
            if (grads[0] != null) {
                // all directions of example n at once: gy rows (q, o) form [r·C_out, S]; × P_n [S, D] = [r, C_out, D]
                Gemm.gemm(false, false, r * outC, patchSize, spatial, 1.0, gy, n * r * outSize, spatial,
                        patches, n * block, patchSize, 1.0, grads[0], 0, patchSize);
            }
            if (params[1] != null && grads[1] != null) {
                for (int q = 0; q < r; q++) {
                    int row = n * r + q;
                    for (int o = 0; o < outC; o++) {
                        double sum = 0;
                        int base = row * outSize + o * spatial;
                        for (int s = 0; s < spatial; s++) {
                            sum += gy[base + s];
                        }
                        grads[1][q * outC + o] += sum;
                    }
                }
            }
        }
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx != null) {
            double[] cols = new double[spatial * patchSize];
            for (int row = 0; row < m * r; row++) {
                im2col(tx, row * inSize, cols, 0);
                Gemm.gemm(false, true, outC, spatial, patchSize, 1.0, params[0], 0, patchSize,
                        cols, 0, patchSize, 0.0, ty, row * outSize, spatial);
            }
        } else {
            Arrays.fill(ty, 0, m * r * outSize, 0.0);
        }
        if (v == null) {
            return;
        }
        double[] patches = (double[]) saved;
        int block = spatial * patchSize;
        if (v[0] != null) {
            for (int n = 0; n < m; n++) {
                // all directions of example n at once: [r·C_out, D] × P_nᵀ gives rows (q, o) of ty, [r, C_out, S]
                Gemm.gemm(false, true, r * outC, spatial, patchSize, 1.0, v[0], 0, patchSize,
                        patches, n * block, patchSize, 1.0, ty, n * r * outSize, spatial);
            }
        }
        if (v.length > 1 && v[1] != null) {
            addBias(v[1], m * r, ty, r);
        }
    }

    /** One position per output pixel: the im2col patches saved by the forward pass. */
    @Override
    int[] kroneckerShape() {
        return new int[] {spatial, patchSize, outC};
    }

    @Override
    double[] kroneckerInputs(double[] x, Object saved) {
        return (double[]) saved;
    }
}
