package org.jlaplace.autodiff.nn;

/**
 * Avg pooling over {@code k×k} windows with stride {@code s} and no padding (PyTorch's
 * {@code nn.AvgPool2d(k, s)}): {@code y[c, i, j] = (1/k²) Σ_{u,v<k} x[c, i·s + u, j·s + v]}.
 */
public final class AvgPool2d extends Layer {
    private final int kernelSize;
    private final int stride;

    public AvgPool2d(int kernelSize, int stride) {
        requirePositive("AvgPool2d", "kernel_size", kernelSize);
        requirePositive("AvgPool2d", "stride", stride);
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    /** Stride equal to the kernel size (PyTorch's default). */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    public int kernelSize() {
        return kernelSize;
    }

    public int stride() {
        return stride;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return PoolShapes.outputShape(toString(), kernelSize, stride, inputShape);
    }

    @Override
    public String type() {
        return "avgpool2d";
    }

    @Override
    LayerOp bind(int[] inputShape) {
        return new AvgPoolOp(this, inputShape, outputShape(inputShape));
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel=" + kernelSize + ", stride=" + stride + ")";
    }
}
