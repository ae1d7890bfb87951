package org.jlaplace.autodiff.nn;

import java.util.Arrays;
import org.jlaplace.core.conv.ConvGeometry;
import org.jlaplace.core.conv.ConvKernels;
import org.jlaplace.core.conv.FloatConvKernels;
import org.jlaplace.core.linalg.Parallel;

/**
 * Kernels of {@link Conv2d}, on the batched kernels of {@link ConvKernels}: with the patch matrix
 * {@code X_n} ({@code [D, S]}, {@code D = C_in·k·k}, {@code S = H_out·W_out}) of example {@code n},
 * the layer is {@code Y_n = W X_n + b 1ᵀ} ({@code [C_out, S]}). The {@code r} directions of a
 * tangent or cotangent pass are folded into the channels: the parameter tangents {@code V}
 * ({@code [r, C_out, D]}) act as {@code r·C_out} filters, and the weight cotangents of all
 * directions are one weight adjoint with {@code r·C_out} output channels. The forward pass saves
 * nothing; the patches by position, {@code [M, S, D]}, which are the KFAC input, are formed on
 * first request ({@link Patches}). The float32 twins call the same kernels on {@code float[]}
 * ({@link FloatConvKernels}).
 */
final class ConvOp extends LayerOp {
    private final int inC;
    private final int height;
    private final int width;
    private final int outC;
    private final int k;
    private final int stride;
    private final int pad;
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
        this.spatial = outShape[1] * outShape[2];
        this.patchSize = inC * k * k;
    }

    /** The geometry of {@code rows} stacked examples. */
    private ConvGeometry geometry(int rows) {
        return ConvGeometry.of("Conv2d", new int[] {rows, inC, height, width}, k, k, stride, pad);
    }

    /** The layer input {@code x} of a trace, with its im2col patches by position formed once, on request. */
    static final class Patches {
        private final ConvOp op;
        private final double[] x;
        private final int m;
        private double[] byPosition;

        Patches(ConvOp op, double[] x, int m) {
            this.op = op;
            this.x = x;
            this.m = m;
        }

        /** {@code [M, S, D]}: entry {@code [n, s, (c·k + u)·k + v] = x[n, c, i·stride + u − pad, j·stride + v − pad]}, {@code s = i·W_out + j}. */
        synchronized double[] byPosition() {
            if (byPosition == null) {
                byPosition = ConvKernels.patchesByPosition(op.geometry(m), x, Parallel.threads());
            }
            return byPosition;
        }
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        evaluate(x, m, params, y);
        return new Patches(this, x, m);
    }

    @Override
    void evaluate(double[] x, int m, double[][] params, double[] y) {
        ConvKernels.forward(geometry(m), x, params[0], outC, params[1], y, false, Parallel.threads());
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        ConvKernels.backwardInput(geometry(m * r), gy, params[0], outC, gx, Parallel.threads());
    }

    @Override
    void backwardParams(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[][] grads) {
        // Example n's cotangent rows (q, o) form [r·C_out, S]: all directions are one adjoint with r·C_out channels.
        if (grads[0] != null) {
            ConvKernels.backwardWeight(geometry(m), gy, x, r * outC, grads[0], Parallel.threads());
        }
        if (params[1] != null && grads[1] != null) {
            ConvKernels.backwardBias(m, r * outC, spatial, gy, grads[1], Parallel.threads());
        }
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx != null) {
            ConvKernels.forward(geometry(m * r), tx, params[0], outC, null, ty, false, Parallel.threads());
        } else {
            Arrays.fill(ty, 0, m * r * outSize, 0.0);
        }
        if (v == null) {
            return;
        }
        if (v[0] != null) {
            // ty[n] as [r·C_out, S] += V X_n with V = [r·C_out, D]: r·C_out filters on example n
            ConvKernels.forward(geometry(m), x, v[0], r * outC, null, ty, true, Parallel.threads());
        }
        if (v.length > 1 && v[1] != null) {
            ConvKernels.addBias(m, r * outC, spatial, v[1], ty, Parallel.threads());
        }
    }

    /** One position per output pixel: the im2col patches by position, formed on first request. */
    @Override
    int[] kroneckerShape() {
        return new int[] {spatial, patchSize, outC};
    }

    @Override
    double[] kroneckerInputs(double[] x, Object saved) {
        return ((Patches) saved).byPosition();
    }

    // ---- float32 twins ----

    /** {@link Patches} for a float32 pass; a later pass with the same batch size refills it. */
    static final class Patches32 {
        private final ConvOp op;
        private final int m;
        private float[] x;
        private float[] byPosition;

        Patches32(ConvOp op, float[] x, int m) {
            this.op = op;
            this.x = x;
            this.m = m;
        }

        /** {@link Patches#byPosition()} in float32. */
        synchronized float[] byPosition() {
            if (byPosition == null) {
                byPosition = FloatConvKernels.patchesByPosition(op.geometry(m), x, Parallel.threads());
            }
            return byPosition;
        }
    }

    @Override
    Object forward(float[] x, int m, float[][] params, float[] y, Object reuse) {
        FloatConvKernels.forward(geometry(m), x, params[0], outC, params[1], y, false, Parallel.threads());
        if (reuse instanceof Patches32 p && p.op == this && p.m == m) {
            synchronized (p) {
                p.x = x;
                p.byPosition = null;
            }
            return p;
        }
        return new Patches32(this, x, m);
    }

    @Override
    void backwardInput(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[] gx) {
        FloatConvKernels.backwardInput(geometry(m * r), gy, params[0], outC, gx, Parallel.threads());
    }

    @Override
    void backwardParams(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[][] grads) {
        if (grads[0] != null) {
            FloatConvKernels.backwardWeight(geometry(m), gy, x, r * outC, grads[0], Parallel.threads());
        }
        if (params[1] != null && grads[1] != null) {
            FloatConvKernels.backwardBias(m, r * outC, spatial, gy, grads[1], Parallel.threads());
        }
    }

    @Override
    void jvp(float[] x, Object saved, int m, int r, float[] tx, float[][] params, float[][] v, float[] ty) {
        if (tx != null) {
            FloatConvKernels.forward(geometry(m * r), tx, params[0], outC, null, ty, false, Parallel.threads());
        } else {
            Arrays.fill(ty, 0, m * r * outSize, 0f);
        }
        if (v == null) {
            return;
        }
        if (v[0] != null) {
            FloatConvKernels.forward(geometry(m), x, v[0], r * outC, null, ty, true, Parallel.threads());
        }
        if (v.length > 1 && v[1] != null) {
            FloatConvKernels.addBias(m, r * outC, spatial, v[1], ty, Parallel.threads());
        }
    }

    @Override
    float[] kroneckerInputs(float[] x, Object saved) {
        return ((Patches32) saved).byPosition();
    }
}
