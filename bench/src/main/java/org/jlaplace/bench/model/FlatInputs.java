package org.jlaplace.bench.model;

import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * Adapts the command line's flat, row-major input arrays ({@code n × inputSize}, as the data
 * loaders produce them) to the laplace module's {@link NetworkModel}, which owns the network
 * linearisation and takes inputs shaped {@code [n, inputShape…]}.
 */
public final class FlatInputs {
    private FlatInputs() {
    }

    /** The linearisation of {@code net} at its current parameters on the {@code n} inputs in {@code flat}. */
    public static NetworkModel linearized(Sequential net, double[] flat, int n) {
        if (n < 1 || flat.length != (long) n * net.inputSize()) {
            throw new IllegalArgumentException("linearized: " + flat.length + " input values for " + n
                    + " inputs of size " + net.inputSize());
        }
        return linearized(net, flat, n, Dtype.FLOAT64);
    }

    /** {@link #linearized(Sequential, double[], int)} with the network's passes in {@code dtype}. */
    public static NetworkModel linearized(Sequential net, double[] flat, int n, Dtype dtype) {
        if (n < 1 || flat.length != (long) n * net.inputSize()) {
            throw new IllegalArgumentException("linearized: " + flat.length + " input values for " + n
                    + " inputs of size " + net.inputSize());
        }
        return NetworkModel.of(net, Tensor.of(flat, batchShape(net, n)), dtype);
    }

    /** The parameter groups of a network: one per parameter tensor, in model order, named as PyTorch names them. */
    public static ParameterGroups groupsOf(Sequential net) {
        return NetworkModel.of(net, Tensor.zeros(batchShape(net, 1))).groups();
    }

    /** {@code [n, inputShape…]}. */
    private static int[] batchShape(Sequential net, int n) {
        int[] in = net.inputShape();
        int[] shape = new int[in.length + 1];
        shape[0] = n;
        System.arraycopy(in, 0, shape, 1, in.length);
        return shape;
    }
}
