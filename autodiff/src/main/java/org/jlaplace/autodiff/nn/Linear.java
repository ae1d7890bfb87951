package org.jlaplace.autodiff.nn;

import org.jlaplace.autodiff.Var;

import java.util.Arrays;
import java.util.List;

/**
 * Fully connected layer {@code y = x Wᵀ + b} with {@code W} of shape {@code [out, in]} (PyTorch's
 * {@code nn.Linear}). The input must be a vector of length {@code in}.
 */
public final class Linear extends Layer {
    private final int inFeatures;
    private final int outFeatures;
    private final boolean bias;

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        requirePositive("Linear", "in_features", inFeatures);
        requirePositive("Linear", "out_features", outFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.bias = bias;
    }

    /** A Linear layer with bias, as PyTorch's default. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    public boolean hasBias() {
        return bias;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != inFeatures) {
            throw new IllegalArgumentException("Linear(" + inFeatures + ", " + outFeatures
                    + "): expects input shape [" + inFeatures + "] but got " + Arrays.toString(inputShape)
                    + (inputShape.length > 1 ? " (insert a Flatten layer before it)" : ""));
        }
        return new int[] {outFeatures};
    }

    @Override
    public List<ParameterSpec> parameterSpecs() {
        ParameterSpec weight = new ParameterSpec("weight", new int[] {outFeatures, inFeatures}, inFeatures);
        return bias ? List.of(weight, new ParameterSpec("bias", new int[] {outFeatures}, inFeatures)) : List.of(weight);
    }

    @Override
    public String type() {
        return "linear";
    }

    @Override
    LayerOp bind(int[] inputShape) {
        return new LinearOp(this, inputShape, outputShape(inputShape));
    }

    /** {@code y = x Wᵀ + b}. */
    @Override
    Var graph(Var input, List<Var> parameters) {
        Var y = input.matmul(parameters.get(0).transpose());
        return bias ? y.add(parameters.get(1)) : y;
    }

    /** The input itself, one position per example: {@code [M, 1, in]}. */
    @Override
    public Var kroneckerInputs(Var input) {
        return input.reshape(input.dim(0), 1, inFeatures);
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + ", " + outFeatures + ", bias=" + bias + ")";
    }
}
