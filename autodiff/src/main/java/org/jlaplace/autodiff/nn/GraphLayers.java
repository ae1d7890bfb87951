package org.jlaplace.autodiff.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.Var;

/**
 * The graph path of a {@link Sequential}: every layer written with {@link Var} operations, so the
 * AD engine can differentiate the network to any order (invariance learning, HVPs). Each layer
 * contributes its own rule ({@link Layer#graph}); activations share theirs with the fast path.
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
            List<Var> own = new ArrayList<>();
            for (int k : model.layerParameterIndices(i)) {
                own.add(params.get(k));
            }
            h = model.layers().get(i).graph(h, own);
        }
        return h;
    }
}
