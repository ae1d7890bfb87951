package org.jlaplace.core.conv;

import java.util.Arrays;

import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Parallel;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) on NCHW tensors, by im2col and GEMM:
 * <pre>
 *   y[n, o, p, q] = b[o] + Σ_{c, i, j} w[o, c, i, j] · x[n, c, p·s + i − pad, q·s + j − pad]
 * </pre>
 * with zero padding. For each image the patches form the im2col matrix {@code X_col} of shape
 * {@code [C·kh·kw, outH·outW]} (row {@code (c·kh + i)·kw + j}, column {@code p·outW + q}), so that
 * {@code Y_n = W·X_col} with {@code W} viewed as {@code [O, C·kh·kw]}. The adjoints are
 * {@code ∂x_n = col2im(Wᵀ·∂Y_n)} and {@code ∂W = Σ_n ∂Y_n·X_colᵀ}. The whole batch runs in
 * {@link ConvKernels} on the shared thread pool, with results bitwise identical for any thread count.
 */
public final class Conv2d {

    private Conv2d() {
    }

    /**
     * {@code y = conv(x, w) + b}.
     *
     * @param x          input {@code [N, C, H, W]}
     * @param w          filters {@code [O, C, kh, kw]}
     * @param biasOrNull bias {@code [O]}, or {@code null} for none
     * @return {@code [N, O, outH, outW]}
     */
    public static Tensor forward(Tensor x, Tensor w, Tensor biasOrNull, int stride, int padding) {
        return forward(x, w, biasOrNull, stride, padding, Parallel.threads());
    }

    /** {@link #forward(Tensor, Tensor, Tensor, int, int)} on up to {@code threads} threads; the result does not depend on it. */
    public static Tensor forward(Tensor x, Tensor w, Tensor biasOrNull, int stride, int padding, int threads) {
        int[] wShape = checkWeight("Conv2d.forward", w.shape());
        ConvGeometry g = ConvGeometry.of("Conv2d.forward", x.shape(), wShape[2], wShape[3], stride, padding);
        checkChannels("Conv2d.forward", x.shape(), wShape);
        int outC = wShape[0];
        if (biasOrNull != null && (biasOrNull.rank() != 1 || biasOrNull.dim(0) != outC)) {
            throw new IllegalArgumentException("Conv2d.forward: bias of shape " + Arrays.toString(biasOrNull.shape())
                    + " does not match " + outC + " output channels (weight shape " + Arrays.toString(wShape) + ")");
        }
        double[] out = new double[checkedSize(g.outputShape(outC))];
        ConvKernels.forward(g, x.contiguous().data(), w.contiguous().data(), outC, biasOrNull == null ? null : biasOrNull.contiguous().data(), out, false,
                threads);
        return Tensor.of(out, g.outputShape(outC));
    }

    /**
     * The adjoint of {@code forward} with respect to {@code x}: {@code ∂x = convᵀ_input(∂y)}, i.e.
     * {@code ∂x_n = col2im(Wᵀ·∂Y_n)}.
     *
     * @param gradOut    {@code [N, O, outH, outW]}
     * @param w          filters {@code [O, C, kh, kw]}
     * @param inputShape {@code [N, C, H, W]}
     */
    public static Tensor backwardInput(Tensor gradOut, Tensor w, int[] inputShape, int stride, int padding) {
        return backwardInput(gradOut, w, inputShape, stride, padding, Parallel.threads());
    }

    /** {@link #backwardInput(Tensor, Tensor, int[], int, int)} on up to {@code threads} threads; the result does not depend on it. */
    public static Tensor backwardInput(Tensor gradOut, Tensor w, int[] inputShape, int stride, int padding,
                                       int threads) {
        int[] wShape = checkWeight("Conv2d.backwardInput", w.shape());
        ConvGeometry g = ConvGeometry.of("Conv2d.backwardInput", inputShape, wShape[2], wShape[3], stride, padding);
        checkChannels("Conv2d.backwardInput", inputShape, wShape);
        int outC = wShape[0];
        checkGradOut("Conv2d.backwardInput", gradOut, g, outC);
        double[] dx = new double[g.batch() * g.imageSize()];
        ConvKernels.backwardInput(g, gradOut.contiguous().data(), w.contiguous().data(), outC, dx, threads);
        return Tensor.of(dx, g.inputShape());
    }

    /**
     * The adjoint of {@code forward} with respect to {@code w}: {@code ∂W = Σ_n ∂Y_n·X_colᵀ}.
     *
     * @param gradOut     {@code [N, O, outH, outW]}
     * @param x           input {@code [N, C, H, W]}
     * @param weightShape {@code [O, C, kh, kw]}
     */
    public static Tensor backwardWeight(Tensor gradOut, Tensor x, int[] weightShape, int stride, int padding) {
        return backwardWeight(gradOut, x, weightShape, stride, padding, Parallel.threads());
    }

    /** {@link #backwardWeight(Tensor, Tensor, int[], int, int)} on up to {@code threads} threads; the result does not depend on it. */
    public static Tensor backwardWeight(Tensor gradOut, Tensor x, int[] weightShape, int stride, int padding,
                                        int threads) {
        int[] wShape = checkWeight("Conv2d.backwardWeight", weightShape);
        ConvGeometry g = ConvGeometry.of("Conv2d.backwardWeight", x.shape(), wShape[2], wShape[3], stride, padding);
        checkChannels("Conv2d.backwardWeight", x.shape(), wShape);
        int outC = wShape[0];
        checkGradOut("Conv2d.backwardWeight", gradOut, g, outC);
        double[] dw = new double[outC * g.patchSize()];
        ConvKernels.backwardWeight(g, gradOut.contiguous().data(), x.contiguous().data(), outC, dw, threads);
        return Tensor.of(dw, wShape.clone());
    }

    /** The adjoint of the bias: {@code ∂b[o] = Σ_{n, p, q} ∂y[n, o, p, q]}, shape {@code [O]}. */
    public static Tensor backwardBias(Tensor gradOut) {
        return backwardBias(gradOut, Parallel.threads());
    }

    /** {@link #backwardBias(Tensor)} on up to {@code threads} threads; the result does not depend on it. */
    public static Tensor backwardBias(Tensor gradOut, int threads) {
        int[] s = gradOut.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("Conv2d.backwardBias: gradient must have shape [N, O, outH, outW], got "
                    + Arrays.toString(s));
        }
        double[] db = new double[s[1]];
        ConvKernels.backwardBias(s[0], s[1], s[2] * s[3], gradOut.contiguous().data(), db, threads);
        return Tensor.of(db, s[1]);
    }

    /**
     * The patches of every image: shape {@code [N, C·kh·kw, outH·outW]}, entry
     * {@code [n, (c·kh + i)·kw + j, p·outW + q] = x[n, c, p·s + i − pad, q·s + j − pad]} (zero outside).
     */
    public static Tensor im2col(Tensor x, int kh, int kw, int stride, int padding) {
        ConvGeometry g = ConvGeometry.of("Conv2d.im2col", x.shape(), kh, kw, stride, padding);
        int k = g.patchSize();
        int p = g.outPositions();
        double[] xd = x.contiguous().data();
        double[] all = new double[g.batch() * k * p];
        double[] cols = new double[k * p];
        PatchPlan plan = PatchPlan.of(g);
        for (int n = 0; n < g.batch(); n++) {
            ConvKernels.im2col(plan, xd, n * g.imageSize(), cols);
            System.arraycopy(cols, 0, all, n * k * p, k * p);
        }
        return Tensor.of(all, g.batch(), k, p);
    }

    /**
     * The adjoint of {@link #im2col(Tensor, int, int, int, int)}: sums every patch entry back onto the
     * input pixel it was read from; {@code cols} has shape {@code [N, C·kh·kw, outH·outW]}.
     */
    public static Tensor col2im(Tensor cols, int[] inputShape, int kh, int kw, int stride, int padding) {
        ConvGeometry g = ConvGeometry.of("Conv2d.col2im", inputShape, kh, kw, stride, padding);
        int[] expected = {g.batch(), g.patchSize(), g.outPositions()};
        if (!Arrays.equals(cols.shape(), expected)) {
            throw new IllegalArgumentException("Conv2d.col2im: columns of shape " + Arrays.toString(cols.shape())
                    + " do not match input shape " + Arrays.toString(inputShape) + " and kernel " + kh + "x" + kw
                    + " (expected " + Arrays.toString(expected) + ")");
        }
        int kp = g.patchSize() * g.outPositions();
        double[] cd = cols.contiguous().data();
        double[] x = new double[g.batch() * g.imageSize()];
        double[] one = new double[kp];
        PatchPlan plan = PatchPlan.of(g);
        for (int n = 0; n < g.batch(); n++) {
            System.arraycopy(cd, n * kp, one, 0, kp);
            ConvKernels.col2im(plan, one, x, n * g.imageSize());
        }
        return Tensor.of(x, g.inputShape());
    }

    private static int checkedSize(int[] shape) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Conv2d: output of shape " + Arrays.toString(shape)
                    + " is larger than a Java array");
        }
        return (int) size;
    }

    private static int[] checkWeight(String op, int[] wShape) {
        if (wShape.length != 4) {
            throw new IllegalArgumentException(op + ": weight must have shape [O, C, kh, kw], got "
                    + Arrays.toString(wShape));
        }
        if (wShape[0] < 1 || wShape[1] < 1) {
            throw new IllegalArgumentException(op + ": weight shape " + Arrays.toString(wShape)
                    + " has no output or input channels");
        }
        return wShape;
    }

    private static void checkChannels(String op, int[] inputShape, int[] wShape) {
        if (inputShape[1] != wShape[1]) {
            throw new IllegalArgumentException(op + ": input has " + inputShape[1] + " channels (shape "
                    + Arrays.toString(inputShape) + ") but the weight expects " + wShape[1] + " (shape "
                    + Arrays.toString(wShape) + ")");
        }
    }

    private static void checkGradOut(String op, Tensor gradOut, ConvGeometry g, int outC) {
        int[] expected = g.outputShape(outC);
        if (!Arrays.equals(gradOut.shape(), expected)) {
            throw new IllegalArgumentException(op + ": output gradient of shape " + Arrays.toString(gradOut.shape())
                    + " does not match the expected output shape " + Arrays.toString(expected));
        }
    }
}
