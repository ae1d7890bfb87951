package org.jlaplace.autodiff.nn;

import org.jlaplace.core.conv.ConvGeometry;
import org.jlaplace.core.conv.FloatPoolKernels;
import org.jlaplace.core.conv.PoolKernels;
import org.jlaplace.core.linalg.Parallel;

/**
 * Kernels of {@link MaxPool2d}, on the batched kernels of {@link PoolKernels}. The forward pass
 * saves, per example and output entry, the index of the selected input entry within the example;
 * backward scatters to it and the tangent rule gathers from it. The float32 twins run the same
 * kernels on {@code float[]} ({@link FloatPoolKernels}) and reuse the arg-max array of an earlier pass.
 */
final class MaxPoolOp extends PoolOp {

    MaxPoolOp(MaxPool2d layer, int[] inShape, int[] outShape) {
        super(layer, inShape, outShape);
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        int[] argmax = new int[m * outSize];
        ConvGeometry g = ConvGeometry.of("MaxPool2d", new int[] {m, channels, height, width}, k, k, stride, 0);
        PoolKernels.maxForward(g, x, y, argmax, true, Parallel.threads());
        return argmax;
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        PoolKernels.scatter(m, r, inSize, outSize, (int[]) saved, gy, gx, Parallel.threads());
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx == null) {
            java.util.Arrays.fill(ty, 0, m * r * outSize, 0.0);
            return;
        }
        PoolKernels.gather(m, r, inSize, outSize, (int[]) saved, tx, ty, Parallel.threads());
    }

    // ---- float32 twins ----

    @Override
    Object forward(float[] x, int m, float[][] params, float[] y, Object reuse) {
        int[] argmax = reuse instanceof int[] a && a.length == m * outSize ? a : new int[m * outSize];
        ConvGeometry g = ConvGeometry.of("MaxPool2d", new int[] {m, channels, height, width}, k, k, stride, 0);
        FloatPoolKernels.maxForward(g, x, y, argmax, true, Parallel.threads());
        return argmax;
    }

    @Override
    void backwardInput(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[] gx) {
        FloatPoolKernels.scatter(m, r, inSize, outSize, (int[]) saved, gy, gx, Parallel.threads());
    }

    @Override
    void jvp(float[] x, Object saved, int m, int r, float[] tx, float[][] params, float[][] v, float[] ty) {
        if (tx == null) {
            java.util.Arrays.fill(ty, 0, m * r * outSize, 0f);
            return;
        }
        FloatPoolKernels.gather(m, r, inSize, outSize, (int[]) saved, tx, ty, Parallel.threads());
    }
}
