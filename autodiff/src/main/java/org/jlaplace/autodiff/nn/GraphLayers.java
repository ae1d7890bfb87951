package org.jlaplace.autodiff.nn;

import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.Var;

/**
 * The graph path of a {@link Sequential}: every layer written with {@link Var} operations, so the
 * AD engine can differentiate the network to any order (invariance learning, HVPs). Same
 * definitions as the fast path (PyTorch's), including softplus's switch to the identity above 20.
 */
final class GraphLayers {
    private GraphLayers() {
    }

    static Var forward(Sequential model, Var x, List<Var> params) {
        List<Parameter> declared = model.parameters();
        if (params.size() != declared.size()) {
            throw new IllegalArgumentException("Sequential.forward(Var): expected " + declared.size()
                    + " parameters but got " + params.size());
        }
        for (int k = 0; k < params.size(); k++) {
            if (!Arrays.equals(params.get(k).shape(), declared.get(k).shape())) {
                throw new IllegalArgumentException("Sequential.forward(Var): parameter " + declared.get(k).name()
                        + " must have shape " + Arrays.toString(declared.get(k).shape()) + " but has "
                        + Arrays.toString(params.get(k).shape()));
            }
        }
        int[] shape = x.shape();
        int[] input = model.inputShape();
        if (shape.length != input.length + 1 || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), input)) {
            throw new IllegalArgumentException("Sequential.forward(Var): expected input of shape [M, "
                    + Arrays.toString(input).substring(1) + " but got " + Arrays.toString(shape));
        }
        Var h = x;
        for (int i = 0; i < model.numLayers(); i++) {
            int[] idx = model.layerParameterIndices(i);
            Var weight = idx.length > 0 ? params.get(idx[0]) : null;
            Var bias = idx.length > 1 ? params.get(idx[1]) : null;
            h = layer(model.layers().get(i), h, weight, bias);
        }
        return h;
    }

    private static Var layer(Layer layer, Var h, Var weight, Var bias) {
        if (layer instanceof Linear) {
            Var y = h.matmul(weight.transpose());
            return bias == null ? y : y.add(bias);
        }
        if (layer instanceof Conv2d) {
            Conv2d c = (Conv2d) layer;
            return bias == null ? h.conv2d(weight, c.stride(), c.padding())
                    : h.conv2d(weight, bias, c.stride(), c.padding());
        }
        if (layer instanceof MaxPool2d) {
            return h.maxPool2d(((MaxPool2d) layer).kernelSize(), ((MaxPool2d) layer).stride());
        }
        if (layer instanceof AvgPool2d) {
            return h.avgPool2d(((AvgPool2d) layer).kernelSize(), ((AvgPool2d) layer).stride());
        }
        if (layer instanceof Flatten) {
            return h.flatten(1);
        }
        return activation((Activation) layer, h);
    }

    private static Var activation(Activation a, Var h) {
        switch (a.kind()) {
            case RELU:
                return h.relu();
            case TANH:
                return h.tanh();
            case SIGMOID:
                return h.sigmoid();
            case GELU:
                return h.gelu();
            case SILU:
                return h.silu();
            case SELU:
                return h.selu();
            case SOFTPLUS:
                return Var.where(h.value().gtMask(ActivationFunctions.SOFTPLUS_THRESHOLD), h, h.softplus());
            case LEAKY_RELU:
                return h.leakyRelu(a.negativeSlope());
            default:
                throw new IllegalStateException("unknown activation " + a.kind());
        }
    }
}
