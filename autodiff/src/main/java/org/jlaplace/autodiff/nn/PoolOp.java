package org.jlaplace.autodiff.nn;

/**
 * The window geometry shared by the kernels of {@link Pool2d} layers on per-example inputs
 * {@code [C, H, W]} and outputs {@code [C, outH, outW]}: output entry {@code (c, i, j)} reads the
 * input rows {@code i·s + u} and columns {@code j·s + v} for {@code u, v < k} of channel {@code c}.
 */
abstract class PoolOp extends LayerOp {
    final int channels;
    final int height;
    final int width;
    final int k;
    final int stride;
    final int outH;
    final int outW;

    PoolOp(Pool2d layer, int[] inShape, int[] outShape) {
        super(inShape, outShape);
        this.channels = inShape[0];
        this.height = inShape[1];
        this.width = inShape[2];
        this.k = layer.kernelSize();
        this.stride = layer.stride();
        this.outH = outShape[1];
        this.outW = outShape[2];
    }

    /** Offset of channel {@code c}'s {@code H×W} plane within one example. */
    final int planeOffset(int c) {
        return c * height * width;
    }

    /**
     * Offset of the first entry of window row {@code u} of output entry {@code (i, j)}:
     * {@code plane + (i·s + u)·W + j·s}; the row continues with {@code k} consecutive entries.
     */
    final int windowRow(int plane, int i, int j, int u) {
        return plane + (i * stride + u) * width + j * stride;
    }
}
