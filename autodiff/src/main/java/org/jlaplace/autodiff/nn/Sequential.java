package org.jlaplace.autodiff.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;

/**
 * A chain of layers {@code f = L_{K−1} ∘ … ∘ L_0} on inputs of a fixed shape (batch axis
 * excluded), mirroring PyTorch's {@code nn.Sequential}: parameters are named
 * {@code "<layer index>.weight"} / {@code "<layer index>.bias"} (the index counts every layer,
 * activations included) and ordered layer by layer, weight before bias, as
 * {@code model.parameters()}; each parameter tensor is one parameter group (MATHEMATICS.md §1).
 *
 * <p>Two evaluation paths: the fast batched path ({@link #forward(Tensor)}, {@link #trace(Tensor)})
 * works on raw buffers with GEMM and needs no graph; the graph path ({@link #forward(Var, List)}) builds an AD graph.
 */
public final class Sequential {
    private final int[] inputShape;
    private final List<Layer> layers;
    private final List<LayerOp> ops;
    private final int[][] shapes;
    private final List<Parameter> parameters;
    private final int[][] layerParameters;
    private final int[] parameterLayer;
    private final int[] offsets;
    private final int numParameters;

    /** A network initialised as PyTorch does, from {@code new Rng(0)}. */
    public Sequential(int[] inputShape, Layer... layers) {
        this(new Rng(0), inputShape, layers);
    }

    /**
     * A network initialised as PyTorch does (Linear and Conv2d: weight and bias each
     * {@code ~ U(−1/√fan_in, 1/√fan_in)}, drawn layer by layer, weight first) from {@code rng}.
     *
     * @throws IllegalArgumentException naming the layer index and shapes when layers do not chain
     */
    public Sequential(Rng rng, int[] inputShape, Layer... layers) {
        if (inputShape == null || inputShape.length == 0) {
            throw new IllegalArgumentException("Sequential: input shape must have at least one axis, got "
                    + Arrays.toString(inputShape));
        }
        for (int d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("Sequential: input shape must be positive, got "
                        + Arrays.toString(inputShape));
            }
        }
        if (layers.length == 0) {
            throw new IllegalArgumentException("Sequential: needs at least one layer");
        }
        this.inputShape = inputShape.clone();
        this.layers = List.of(layers);
        this.shapes = new int[layers.length + 1][];
        this.shapes[0] = inputShape.clone();
        List<LayerOp> boundOps = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        this.layerParameters = new int[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            try {
                shapes[i + 1] = layer.outputShape(shapes[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Sequential: layer " + i + " (" + layer + ") does not accept the output of "
                        + (i == 0 ? "the input" : "layer " + (i - 1) + " (" + layers[i - 1] + ")")
                        + ", shape " + Arrays.toString(shapes[i]) + ": " + e.getMessage(), e);
            }
            boundOps.add(layer.bind(shapes[i]));
            List<ParameterSpec> specs = layer.parameterSpecs();
            layerParameters[i] = new int[specs.size()];
            for (int k = 0; k < specs.size(); k++) {
                layerParameters[i][k] = params.size();
                params.add(new Parameter(i + "." + specs.get(k).localName(), specs.get(k).shape()));
                owner.add(i);
            }
        }
        this.ops = List.copyOf(boundOps);
        this.parameters = Collections.unmodifiableList(params);
        this.parameterLayer = owner.stream().mapToInt(Integer::intValue).toArray();
        this.offsets = new int[params.size() + 1];
        for (int k = 0; k < params.size(); k++) {
            offsets[k + 1] = offsets[k] + params.get(k).size();
        }
        this.numParameters = offsets[params.size()];
        initialize(rng);
    }

    /**
     * Re-initialises every parameter as PyTorch's {@code reset_parameters}: Linear and Conv2d
     * weights by {@code kaiming_uniform_(a=√5)}, i.e. {@code U(−1/√fan_in, 1/√fan_in)}, and biases
     * by {@code U(−1/√fan_in, 1/√fan_in)}, in parameter order.
     */
    public void initialize(Rng rng) {
        for (int i = 0; i < layers.size(); i++) {
            List<ParameterSpec> specs = layers.get(i).parameterSpecs();
            for (int k = 0; k < specs.size(); k++) {
                double bound = 1.0 / Math.sqrt(specs.get(k).fanIn());
                double[] data = parameters.get(layerParameters[i][k]).data();
                for (int j = 0; j < data.length; j++) {
                    data[j] = -bound + 2.0 * bound * rng.nextDouble();
                }
            }
        }
    }

    /** The input shape without the batch axis (a copy). */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The output shape without the batch axis (a copy), e.g. {@code [C]}. */
    public int[] outputShape() {
        return shapes[layers.size()].clone();
    }

    /** The number of outputs {@code C} per example (the product of {@link #outputShape()}). */
    public int outputSize() {
        return Layer.product(shapes[layers.size()]);
    }

    /** The number of input values per example. */
    public int inputSize() {
        return Layer.product(inputShape);
    }

    /** The shape of the input of layer {@code i} ({@code i = numLayers()} gives the output shape). */
    public int[] shapeBefore(int i) {
        return shapes[i].clone();
    }

    public List<Layer> layers() {
        return layers;
    }

    public int numLayers() {
        return layers.size();
    }

    /** Parameters in PyTorch order; the list is unmodifiable, the values are mutable. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameter with the given state_dict name.
     *
     * @throws IllegalArgumentException if no parameter has that name
     */
    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Sequential: no parameter named \"" + name + "\"; the parameters are "
                + parameters);
    }

    /** Indices into {@link #parameters()} of layer {@code i}'s parameters (weight, then bias). */
    public int[] layerParameterIndices(int i) {
        return layerParameters[i].clone();
    }

    /** The layer that owns parameter {@code k}. */
    public int layerOfParameter(int k) {
        return parameterLayer[k];
    }

    /** Offset of parameter {@code k} in the flat parameter vector; {@code k = parameters().size()} gives P. */
    public int parameterOffset(int k) {
        return offsets[k];
    }

    /** The total number of scalar parameters {@code P}. */
    public int numParameters() {
        return numParameters;
    }

    /** All parameters concatenated in PyTorch order into a new {@code [P]} tensor. */
    public Tensor flatParameters() {
        double[] flat = new double[numParameters];
        for (int k = 0; k < parameters.size(); k++) {
            double[] data = parameters.get(k).data();
            System.arraycopy(data, 0, flat, offsets[k], data.length);
        }
        return Tensor.of(flat, numParameters);
    }

    /**
     * Sets all parameters from a flat vector in PyTorch order.
     *
     * @throws IllegalArgumentException if {@code flat} is not {@code [P]} or holds a non-finite value
     */
    public void setFlatParameters(Tensor flat) {
        if (flat.rank() != 1 || flat.dim(0) != numParameters) {
            throw new IllegalArgumentException("Sequential.setFlatParameters: expected shape [" + numParameters
                    + "] but got " + Arrays.toString(flat.shape()));
        }
        double[] values = flat.toArray();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Sequential.setFlatParameters: value at index " + i + " ("
                        + describeIndex(i) + ") is " + values[i]);
            }
        }
        for (int k = 0; k < parameters.size(); k++) {
            double[] data = parameters.get(k).data();
            System.arraycopy(values, offsets[k], data, 0, data.length);
        }
    }

    private String describeIndex(int flatIndex) {
        for (int k = 0; k < parameters.size(); k++) {
            if (flatIndex < offsets[k + 1]) {
                return parameters.get(k).name() + " entry " + (flatIndex - offsets[k]);
            }
        }
        return "out of range";
    }

    /**
     * The fast batched forward pass: {@code x} of shape {@code [M, inputShape…]} to
     * {@code [M, outputShape…]}, without building a graph or keeping intermediates.
     *
     * @throws IllegalArgumentException if {@code x} has the wrong shape or a non-finite entry
     */
    public Tensor forward(Tensor x) {
        int m = checkBatch("Sequential.forward", x);
        double[] current = x.toArray();
        for (int i = 0; i < ops.size(); i++) {
            LayerOp op = ops.get(i);
            double[] next = new double[m * op.outSize];
            op.evaluate(current, m, layerStorage(i), next);
            current = next;
        }
        return Tensor.of(current, batchShape(m, shapes[layers.size()]));
    }

    /**
     * {@link #forward(Tensor)} in {@code dtype}: for {@link Dtype#FLOAT32} the inputs and parameters
     * rounded to float and every layer in float32, the outputs widened.
     */
    public Tensor forward(Tensor x, Dtype dtype) {
        return dtype == Dtype.FLOAT64 ? forward(x) : trace(x, Dtype.FLOAT32).output();
    }

    /**
     * A forward pass that keeps every layer's input and what the backward and tangent rules need,
     * for gradients ({@link Trace#backward}), many cotangents at once ({@link Trace#backwardMany}),
     * tangents ({@link Trace#jvp}) and the per-layer quantities of KFAC and the structured NTK.
     */
    public Trace trace(Tensor x) {
        int m = checkBatch("Sequential.trace", x);
        return new Trace(this, x.toArray(), m);
    }

    /**
     * {@link #trace(Tensor)} in the given dtype: a {@link Dtype#FLOAT32} trace rounds the inputs
     * and the current parameters to float and runs every layer on float buffers (fresh ones).
     */
    public Trace trace(Tensor x, Dtype dtype) {
        if (dtype == Dtype.FLOAT64) {
            return trace(x);
        }
        int m = checkBatch("Sequential.trace", x);
        return new Trace(this, Widening.narrow(x.toArray()), m, null);
    }

    /**
     * A float32 trace in reusable {@code buffers} (of this network): nothing is allocated once the
     * buffers of the batch size exist. The trace is valid until the next one made with the same
     * buffers and batch size.
     *
     * @throws IllegalArgumentException if the buffers belong to another network, or as {@link #trace(Tensor)}
     */
    public Trace trace(Tensor x, TraceBuffers buffers) {
        if (buffers.model() != this) {
            throw new IllegalArgumentException("Sequential.trace: the buffers belong to another network");
        }
        int m = checkBatch("Sequential.trace", x);
        TraceBuffers.Slot slot = buffers.slot(m);
        Tensor dense = x.contiguous();
        Widening.narrowInto(dense.data(), slot.input);
        return new Trace(this, slot.input, m, slot);
    }

    /** Rounds every parameter to the nearest float32 in place ({@link Parameter#roundToFloat32()}). */
    public void roundParametersToFloat32() {
        for (Parameter p : parameters) {
            p.roundToFloat32();
        }
    }

    /**
     * The graph forward pass for the AD engine: {@code x} of shape {@code [M, inputShape…]} and one
     * {@link Var} per parameter in {@link #parameters()} order (with the parameters' shapes);
     * differentiable in both to any order.
     *
     * @throws IllegalArgumentException for a wrong number or shape of parameters or a wrong input shape
     */
    public Var forward(Var x, List<Var> params) {
        return GraphLayers.forward(this, x, params);
    }

    /** The graph forward pass at the current parameter values (constants): differentiable in {@code x}. */
    public Var forward(Var x) {
        return forward(x, parameterConstants());
    }

    /**
     * The graph forward pass as a function of the flat parameter vector {@code θ} ({@code [P]},
     * PyTorch order), e.g. for {@code AD.jacrev(θ -> model.forwardFlat(x, θ), θ)}.
     */
    public Var forwardFlat(Var x, Var flatParams) {
        if (flatParams.rank() != 1 || flatParams.dim(0) != numParameters) {
            throw new IllegalArgumentException("Sequential.forwardFlat: expected parameters of shape [" + numParameters
                    + "] but got " + Arrays.toString(flatParams.shape()));
        }
        List<Var> params = new ArrayList<>();
        for (int k = 0; k < parameters.size(); k++) {
            params.add(flatParams.slice(0, offsets[k], offsets[k + 1]).reshape(parameters.get(k).shape()));
        }
        return forward(x, params);
    }

    /** Constant graph nodes holding copies of the current parameter values, in parameter order. */
    public List<Var> parameterConstants() {
        List<Var> vars = new ArrayList<>();
        for (Parameter p : parameters) {
            vars.add(Var.of(p.value().copy()));
        }
        return vars;
    }

    /**
     * Validates a batch of inputs for {@code operation}: shape {@code [M, inputShape…]}, {@code M ≥ 1},
     * every entry finite; returns {@code M}.
     *
     * @throws IllegalArgumentException naming the operation and the offending shape or entry
     */
    public int checkBatch(String operation, Tensor x) {
        int[] shape = x.shape();
        boolean ok = shape.length == inputShape.length + 1 && shape[0] > 0;
        for (int i = 0; ok && i < inputShape.length; i++) {
            ok = shape[i + 1] == inputShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(operation + ": expected input of shape " + describeBatchShape(inputShape)
                    + " but got " + Arrays.toString(shape));
        }
        double[] data = x.contiguous().data();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(operation + ": input entry at flat index " + i + " is " + data[i]);
            }
        }
        return shape[0];
    }

    private static String describeBatchShape(int[] shape) {
        StringBuilder b = new StringBuilder("[M");
        for (int d : shape) {
            b.append(", ").append(d);
        }
        return b.append(']').toString();
    }

    static int[] batchShape(int m, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = m;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** The storage of layer {@code i}'s parameters as {@code [weight, bias-or-null]}, or empty. */
    double[][] layerStorage(int i) {
        int[] idx = layerParameters[i];
        if (idx.length == 0) {
            return new double[0][];
        }
        double[][] storage = new double[2][];
        for (int k = 0; k < idx.length; k++) {
            storage[k] = parameters.get(idx[k]).data();
        }
        return storage;
    }

    /** Every layer's parameters rounded to float now, as {@code [weight, bias-or-null]} (or empty) per layer. */
    float[][][] layerStorage32() {
        float[][][] out = new float[layers.size()][][];
        for (int i = 0; i < layers.size(); i++) {
            int[] idx = layerParameters[i];
            out[i] = new float[idx.length == 0 ? 0 : 2][];
            for (int k = 0; k < idx.length; k++) {
                out[i][k] = parameters.get(idx[k]).narrowed();
            }
        }
        return out;
    }

    LayerOp op(int i) {
        return ops.get(i);
    }

    @Override
    public String toString() {
        return "Sequential(input " + Arrays.toString(inputShape) + ", " + layers + ")";
    }
}
