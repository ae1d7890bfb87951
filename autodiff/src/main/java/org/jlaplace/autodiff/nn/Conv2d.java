package org.jlaplace.autodiff.nn;

import org.jlaplace.autodiff.Var;

import java.util.Arrays;
import java.util.List;

/**
 * 2-D convolution on NCHW images (PyTorch's {@code nn.Conv2d} with square kernel, equal stride and
 * zero padding on both axes, no dilation or groups):
 * {@code y[o, i, j] = b[o] + Σ_{c,u,v} W[o, c, u, v] · x[c, i·s + u − p, j·s + v − p]},
 * output size {@code ⌊(H + 2p − k)/s⌋ + 1}. Weight {@code [out, in, k, k]}.
 */
public final class Conv2d extends Layer {
    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final boolean bias;

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
        requirePositive("Conv2d", "in_channels", inChannels);
        requirePositive("Conv2d", "out_channels", outChannels);
        requirePositive("Conv2d", "kernel_size", kernelSize);
        requirePositive("Conv2d", "stride", stride);
        if (padding < 0) {
            throw new IllegalArgumentException("Conv2d: padding must be non-negative, got " + padding);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.bias = bias;
    }

    /** Stride 1, no padding, with bias (PyTorch's defaults). */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, true);
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int kernelSize() {
        return kernelSize;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public boolean hasBias() {
        return bias;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 3 || inputShape[0] != inChannels) {
            throw new IllegalArgumentException(this + ": expects input shape [" + inChannels + ", H, W] but got "
                    + Arrays.toString(inputShape));
        }
        int h = (inputShape[1] + 2 * padding - kernelSize) / stride + 1;
        int w = (inputShape[2] + 2 * padding - kernelSize) / stride + 1;
        if (inputShape[1] + 2 * padding < kernelSize || inputShape[2] + 2 * padding < kernelSize) {
            throw new IllegalArgumentException(this + ": kernel " + kernelSize + " is larger than the padded input "
                    + Arrays.toString(inputShape));
        }
        return new int[] {outChannels, h, w};
    }

    @Override
    public List<ParameterSpec> parameterSpecs() {
        int fanIn = inChannels * kernelSize * kernelSize;
        ParameterSpec weight = new ParameterSpec("weight",
                new int[] {outChannels, inChannels, kernelSize, kernelSize}, fanIn);
        return bias ? List.of(weight, new ParameterSpec("bias", new int[] {outChannels}, fanIn)) : List.of(weight);
    }

    @Override
    public String type() {
        return "conv2d";
    }

    @Override
    LayerOp bind(int[] inputShape) {
        return new ConvOp(this, inputShape, outputShape(inputShape));
    }

    @Override
    Var graph(Var input, List<Var> parameters) {
        return bias ? input.conv2d(parameters.get(0), parameters.get(1), stride, padding)
                : input.conv2d(parameters.get(0), stride, padding);
    }

    /** The im2col patches {@code [M, H_out·W_out, C_in·k·k]}, columns in the weight's order. */
    @Override
    public Var kroneckerInputs(Var input) {
        return GraphPatches.of(input, kernelSize, stride, padding);
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", kernel=" + kernelSize + ", stride=" + stride
                + ", padding=" + padding + ", bias=" + bias + ")";
    }
}
