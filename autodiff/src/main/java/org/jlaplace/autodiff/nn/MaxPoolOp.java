package org.jlaplace.autodiff.nn;

import org.jlaplace.core.conv.ConvGeometry;
import org.jlaplace.core.conv.PoolKernels;
import org.jlaplace.core.linalg.Parallel;

/**
 * Kernels of {@link MaxPool2d}, on the batched kernels of {@link PoolKernels}. The forward pass
 * saves, per example and output entry, the index of the selected input entry within the example;
 * backward scatters to it and the tangent rule gathers from it.
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
}
