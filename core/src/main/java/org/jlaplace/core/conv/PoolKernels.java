package org.jlaplace.core.conv;

import java.util.Arrays;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.jlaplace.core.linalg.Parallel;

/**
 * The batched max-pooling kernels on raw row-major arrays, shared by {@link Pool2d} and the layer
 * kernels of {@code Sequential}. Over {@code k×k} windows with stride {@code s} and no padding,
 * {@code y[n, c, p, q] = max_{i, j < k} x[n, c, p·s + i, q·s + j]}, taking the first maximum in
 * row-major window order; a NaN in the window is the maximum (as in PyTorch). The recorded arg-max
 * defines a linear map (a gather) whose adjoint is a scatter-add; the same arg-max serves every
 * direction of a tangent or cotangent pass, whose rows are {@code n·r + q}.
 *
 * <p>Threads: planes (forward) or rows (gather and scatter) are split over tasks; each is computed
 * whole, in order, by one task, so results are bitwise identical for any thread count.
 */
public final class PoolKernels {

    private PoolKernels() {
    }

    /**
     * Max pooling of every plane of {@code x} into {@code y}, recording in {@code argmax[o]} the
     * index of the selected entry: within its image ({@code c·H·W + row·W + col}) when
     * {@code withinImage}, else in the whole input.
     */
    public static void maxForward(ConvGeometry g, double[] x, double[] y, int[] argmax, boolean withinImage,
                                  int threads) {
        int planes = g.batch() * g.channels();
        int h = g.height();
        int w = g.width();
        int kernel = g.kh();
        int positions = g.outPositions();
        int imageSize = g.imageSize();
        int[] windows = windowStarts(g);
        VectorKernels kernels = KernelProvider.get();
        Parallel.forRange(planes, (long) positions * kernel * kernel, threads, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int shift = withinImage ? (plane / g.channels()) * imageSize : 0;
                kernels.maxPool(x, plane * h * w, w, kernel, windows, 0, positions, y, argmax, plane * positions, shift);
            }
        });
    }

    /** The offset of each output's window in its plane, {@code p·stride·W + q·stride} for output {@code p·outW + q}. */
    static int[] windowStarts(ConvGeometry g) {
        int[] windows = new int[g.outPositions()];
        for (int p = 0, o = 0; p < g.outH(); p++) {
            for (int q = 0; q < g.outW(); q++, o++) {
                windows[o] = p * g.stride() * g.width() + q * g.stride();
            }
        }
        return windows;
    }

    /**
     * The adjoint of the gather, for {@code r} directions per example: row {@code n·r + q} of
     * {@code gx} ({@code [m·r, inSize]}, overwritten) is zero except
     * {@code gx[n·r + q, argmax[n, j]] += gy[n·r + q, j]} for every output entry {@code j}, with
     * within-image indices {@code argmax} ({@code [m, outSize]}).
     */
    public static void scatter(int m, int r, int inSize, int outSize, int[] argmax, double[] gy, double[] gx,
                               int threads) {
        Parallel.forRange(m * r, (long) inSize + 2L * outSize, threads, (from, to) -> {
            for (int row = from; row < to; row++) {
                int a = (row / r) * outSize;
                int in = row * inSize;
                int out = row * outSize;
                Arrays.fill(gx, in, in + inSize, 0.0);
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
    public static void gather(int m, int r, int inSize, int outSize, int[] argmax, double[] tx, double[] ty,
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
