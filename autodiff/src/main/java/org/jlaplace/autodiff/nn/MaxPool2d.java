package org.jlaplace.autodiff.nn;

/**
 * Max pooling over {@code k×k} windows with stride {@code s} and no padding (PyTorch's
 * {@code nn.MaxPool2d(k, s)}): {@code y[c, i, j] = max_{u,v<k} x[c, i·s + u, j·s + v]} (the first maximum wins ties, as PyTorch).
 */
public final class MaxPool2d extends Layer {
    private final int kernelSize;
    private final int stride;

    public MaxPool2d(int kernelSize, int stride) {
        requirePositive("MaxPool2d", "kernel_size", kernelSize);
        requirePositive("MaxPool2d", "stride", stride);
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    /** Stride equal to the kernel size (PyTorch's default). */
    public MaxPool2d(int kernelSize) {
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
        return "maxpool2d";
    }

    @Override
    LayerOp bind(int[] inputShape) {
        return new MaxPoolOp(this, inputShape, outputShape(inputShape));
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel=" + kernelSize + ", stride=" + stride + ")";
    }
}
