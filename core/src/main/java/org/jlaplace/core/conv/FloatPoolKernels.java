package org.jlaplace.core.conv;

import java.util.Arrays;

import org.jlaplace.core.kernels.FloatKernels;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.linalg.Parallel;

/**
 * The float32 twins of {@link PoolKernels}: max pooling with its recorded arg-max, its gather and
 * the adjoint scatter-add, with the same parameter lists on {@code float[]} data and the same
 * rules (first maximum in row-major window order, NaN is the maximum, bitwise identical results
 * for any thread count). The window maximum runs on the float kernels
 * ({@link FloatKernels#maxPool}): the SIMD ones gather one window entry for 16 outputs at a time
 * instead of branching on every comparison. The gather and scatter repeat those of {@link PoolKernels}
 * with {@code float} for {@code double}, since Java has no generics over primitive arrays.
 */
public final class FloatPoolKernels {

    private FloatPoolKernels() {
    }

    /**
     * Max pooling of every plane of {@code x} into {@code y}, recording in {@code argmax[o]} the
     * index of the selected entry: within its image ({@code c·H·W + row·W + col}) when
     * {@code withinImage}, else in the whole input.
     */
    public static void maxForward(ConvGeometry g, float[] x, float[] y, int[] argmax, boolean withinImage,
                                  int threads) {
        int planes = g.batch() * g.channels();
        int h = g.height();
        int w = g.width();
        int kernel = g.kh();
        int positions = g.outPositions();
        int imageSize = g.imageSize();
        int[] windows = PoolKernels.windowStarts(g);
        FloatKernels kernels = KernelProvider.floats();
        Parallel.forRange(planes, (long) positions * kernel * kernel, threads, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int shift = withinImage ? (plane / g.channels()) * imageSize : 0;
                kernels.maxPool(x, plane * h * w, w, kernel, windows, 0, positions, y, argmax, plane * positions, shift);
            }
        });
    }

    /**
     * The adjoint of the gather, for {@code r} directions per example: row {@code n·r + q} of
     * {@code gx} ({@code [m·r, inSize]}, overwritten) is zero except
     * {@code gx[n·r + q, argmax[n, j]] += gy[n·r + q, j]} for every output entry {@code j}, with
     * within-image indices {@code argmax} ({@code [m, outSize]}).
     */
    public static void scatter(int m, int r, int inSize, int outSize, int[] argmax, float[] gy, float[] gx,
                               int threads) {
        Parallel.forRange(m * r, (long) inSize + 2L * outSize, threads, (from, to) -> {
            for (int row = from; row < to; row++) {
                int a = (row / r) * outSize;
                int in = row * inSize;
                int out = row * outSize;
                Arrays.fill(gx, in, in + inSize, 0.0f);
                for (int j = 0; j < outSize; j++) {
                    gx[in + argmax[a + j]] += gy[out + j];
                }
            }
        });
    }

    /**
     * The gather for {@code r} directions per example: {@code ty[n·r + q, j] = tx[n·r + q, argmax[n, j]]}
     * ({@code ty} of {@code [m·r, outSize]} is overwritten).
     */
    public static void gather(int m, int r, int inSize, int outSize, int[] argmax, float[] tx, float[] ty,
                              int threads) {
        Parallel.forRange(m * r, 2L * outSize, threads, (from, to) -> {
            for (int row = from; row < to; row++) {
                int a = (row / r) * outSize;
                int in = row * inSize;
                int out = row * outSize;
                for (int j = 0; j < outSize; j++) {
                    ty[out + j] = tx[in + argmax[a + j]];
                }
            }
        });
    }
}
