package org.jlaplace.core.conv;

import java.util.Arrays;

import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Parallel;

/**
 * Max and average pooling over square windows of an NCHW tensor, without padding:
 * {@code outH = ⌊(H − k) / s⌋ + 1} (likewise for the width) and
 * <pre>
 *   max: y[n, c, p, q] = max_{0 ≤ i, j < k} x[n, c, p·s + i, q·s + j]
 *   avg: y[n, c, p, q] = (1/k²) · Σ_{0 ≤ i, j < k} x[n, c, p·s + i, q·s + j]
 * </pre>
 * Max pooling takes the first maximum in row-major window order and propagates NaN (a NaN in the
 * window is the maximum). The backward functions are the adjoints of the forward maps (for max
 * pooling, of the linear map that the recorded argmax defines).
 */
public final class Pool2d {

    private Pool2d() {
    }

    /** Max pooling; also records where each maximum came from. */
    public static MaxPoolResult maxForward(Tensor x, int kernel, int stride) {
        return maxForward(x, kernel, stride, Parallel.threads());
    }

    /** {@link #maxForward(Tensor, int, int)} on up to {@code threads} threads (split by channel planes; the result does not depend on it). */
    public static MaxPoolResult maxForward(Tensor x, int kernel, int stride, int threads) {
        ConvGeometry g = ConvGeometry.of("Pool2d.maxForward", x.shape(), kernel, kernel, stride, 0);
        double[] out = new double[g.batch() * g.channels() * g.outPositions()];
        int[] argmax = new int[out.length];
        PoolKernels.maxForward(g, x.contiguous().data(), out, argmax, false, threads);
        return new MaxPoolResult(Tensor.of(out, g.outputShape(g.channels())), argmax);
    }

    /** The adjoint of max pooling: {@code ∂x[argmax[o]] += ∂y[o]} for every output element {@code o}. */
    public static Tensor maxBackward(Tensor gradOut, int[] argmax, int[] inputShape) {
        return maxBackward(gradOut, argmax, inputShape, Parallel.threads());
    }

    /**
     * {@link #maxBackward(Tensor, int[], int[])} on up to {@code threads} threads. When every image's
     * indices stay inside that image (as {@link #maxForward} records them) the images are split over
     * tasks, each adding its outputs in order; otherwise one thread adds all. Either way every input
     * entry receives its terms in output order, so the result does not depend on the thread count.
     */
    public static Tensor maxBackward(Tensor gradOut, int[] argmax, int[] inputShape, int threads) {
        int[] gs = gradOut.shape();
        if (inputShape.length != 4 || gs.length != 4 || gs[0] != inputShape[0] || gs[1] != inputShape[1]) {
            throw new IllegalArgumentException("Pool2d.maxBackward: output gradient of shape " + Arrays.toString(gs)
                    + " does not match input shape " + Arrays.toString(inputShape));
        }
        if (argmax.length != gradOut.size()) {
            throw new IllegalArgumentException("Pool2d.maxBackward: " + argmax.length
                    + " argmax indices for an output gradient of shape " + Arrays.toString(gs));
        }
        long inputSize = (long) inputShape[0] * inputShape[1] * inputShape[2] * inputShape[3];
        int images = inputShape[0];
        long imageSize = images == 0 ? 0 : inputSize / images;
        int outPerImage = images == 0 ? 0 : argmax.length / images;
        boolean perImage = true;
        for (int o = 0; o < argmax.length; o++) {
            int idx = argmax[o];
            if (idx < 0 || idx >= inputSize) {
                throw new IllegalArgumentException("Pool2d.maxBackward: argmax[" + o + "] = " + idx
                        + " is outside the input of shape " + Arrays.toString(inputShape));
            }
            perImage &= idx / imageSize == o / outPerImage;
        }
        double[] gd = gradOut.contiguous().data();
        double[] dx = new double[(int) inputSize];
        Parallel.forRange(images, outPerImage, perImage ? threads : 1, (from, to) -> {
            for (int o = from * outPerImage; o < to * outPerImage; o++) {
                dx[argmax[o]] += gd[o];
            }
        });
        return Tensor.of(dx, inputShape.clone());
    }

    /** Average pooling over {@code kernel×kernel} windows. */
    public static Tensor avgForward(Tensor x, int kernel, int stride) {
        ConvGeometry g = ConvGeometry.of("Pool2d.avgForward", x.shape(), kernel, kernel, stride, 0);
        double[] xd = x.contiguous().data();
        int planes = g.batch() * g.channels();
        int h = g.height();
        int w = g.width();
        double scale = 1.0 / ((double) kernel * kernel);
        double[] out = new double[planes * g.outPositions()];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * h * w;
            for (int p = 0; p < g.outH(); p++) {
                for (int q = 0; q < g.outW(); q++, o++) {
                    double s = 0.0;
                    for (int i = 0; i < kernel; i++) {
                        int row = base + (p * stride + i) * w + q * stride;
                        for (int j = 0; j < kernel; j++) {
                            s += xd[row + j];
                        }
                    }
                    out[o] = s * scale;
                }
            }
        }
        return Tensor.of(out, g.outputShape(g.channels()));
    }

    /** The adjoint of average pooling: every input pixel receives {@code 1/k²} of each window gradient it belongs to. */
    public static Tensor avgBackward(Tensor gradOut, int[] inputShape, int kernel, int stride) {
        ConvGeometry g = ConvGeometry.of("Pool2d.avgBackward", inputShape, kernel, kernel, stride, 0);
        int[] expected = g.outputShape(g.channels());
        if (!Arrays.equals(gradOut.shape(), expected)) {
            throw new IllegalArgumentException("Pool2d.avgBackward: output gradient of shape "
                    + Arrays.toString(gradOut.shape()) + " does not match the expected " + Arrays.toString(expected)
                    + " for input shape " + Arrays.toString(inputShape) + ", kernel " + kernel + ", stride " + stride);
        }
        double[] gd = gradOut.contiguous().data();
        int planes = g.batch() * g.channels();
        int h = g.height();
        int w = g.width();
        double scale = 1.0 / ((double) kernel * kernel);
        double[] dx = new double[planes * h * w];
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * h * w;
            for (int p = 0; p < g.outH(); p++) {
                for (int q = 0; q < g.outW(); q++, o++) {
                    double v = gd[o] * scale;
                    for (int i = 0; i < kernel; i++) {
                        int row = base + (p * stride + i) * w + q * stride;
                        for (int j = 0; j < kernel; j++) {
                            dx[row + j] += v;
                        }
                    }
                }
            }
        }
        return Tensor.of(dx, inputShape.clone());
    }
}
