package org.jlaplace.autodiff.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.AvgPool2d;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;

/**
 * Loads and saves a {@link Sequential} as the pair model.json + model.safetensors that describes a
 * PyTorch {@code nn.Sequential} (FORMATS.md §1–§2): the spec gives the layers, the safetensors file
 * gives exactly one tensor per parameter, named {@code "<layer index>.weight"} /
 * {@code "<layer index>.bias"} with PyTorch's shapes.
 *
 * <p>Loading rejects missing or extra tensors, wrong shapes and NaN/Inf values, naming the tensor.
 * Saving writes both files to temporary files first and renames them only when both are complete.
 * F64 round-trips exactly; F32 is exact for values representable in binary32.
 */
public final class ModelIO {

    private ModelIO() {
    }

    /**
     * Reads model.json and the weights file and returns the network with those parameters.
     *
     * @throws ModelFormatException naming the offending file and the problem
     * @throws IOException          if a file cannot be read
     */
    public static Sequential load(Path modelJson, Path weights) throws IOException {
        return load(ModelSpec.read(modelJson), modelJson, weights);
    }

    /**
     * Builds the network of {@code spec} and fills it from the weights file; {@code specSource}
     * names the spec in error messages about layers the network code does not support.
     */
    public static Sequential load(ModelSpec spec, Path specSource, Path weights) throws IOException {
        Sequential model = build(spec, specSource);
        SafeTensorsFile file = SafeTensors.read(weights);
        Map<String, int[]> expected = spec.parameterShapes();
        checkNames(weights, expected.keySet(), file.names());
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            SafeTensor t = file.get(e.getKey());
            if (!Arrays.equals(t.shape(), e.getValue())) {
                int layer = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('.')));
                throw new ModelFormatException(weights, "tensor \"" + e.getKey() + "\" has shape "
                        + Arrays.toString(t.shape()) + " but layers[" + layer + "] ("
                        + spec.layers().get(layer).type() + ") of the model spec needs " + Arrays.toString(e.getValue()));
            }
            double[] values = t.values();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new ModelFormatException(weights, "tensor \"" + e.getKey() + "\" holds " + values[i]
                            + " at flat index " + i + " (weights must be finite)");
                }
            }
            model.parameter(e.getKey()).set(Tensor.of(values, t.shape()));
        }
        return model;
    }

    private static void checkNames(Path weights, Set<String> expected, Set<String> present) throws ModelFormatException {
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw new ModelFormatException(weights, "missing tensor(s) " + quoted(missing)
                    + " required by the model spec (expected exactly " + quoted(expected) + ")");
        }
        Set<String> extra = new LinkedHashSet<>(present);
        extra.removeAll(expected);
        if (!extra.isEmpty()) {
            throw new ModelFormatException(weights, "extra tensor(s) " + quoted(extra)
                    + " not in the model spec (expected exactly " + quoted(expected) + ")");
        }
    }

    private static String quoted(Set<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add("\"" + n + "\"");
        }
        return "[" + String.join(", ", q) + "]";
    }

    /**
     * Writes model.json and the weights in {@code dtype}; neither file is replaced unless both were
     * written completely.
     *
     * @throws IllegalArgumentException if a parameter is NaN/Inf, or too large for F32, naming it
     */
    public static void save(Sequential model, Path modelJson, Path weights, DType dtype) throws IOException {
        ModelSpec spec = specOf(model);
        List<SafeTensor> tensors = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            double[] values = p.value().toArray();
            int i = firstUnstorable(values, dtype);
            if (i >= 0) {
                throw new IllegalArgumentException("ModelIO.save: parameter \"" + p.name() + "\" holds "
                        + values[i] + " at flat index " + i
                        + (Double.isFinite(values[i]) ? ", which overflows " + dtype : ""));
            }
            tensors.add(new SafeTensor(p.name(), dtype, p.shape(), values));
        }
        Path weightsTemporary = null;
        Path specTemporary = null;
        try {
            weightsTemporary = SafeTensors.writeTemporary(weights, tensors, Map.of("format", "pt"));
            specTemporary = spec.writeTemporary(modelJson);
            AtomicFiles.commit(weightsTemporary, weights);
            weightsTemporary = null;
            AtomicFiles.commit(specTemporary, modelJson);
            specTemporary = null;
        } finally {
            AtomicFiles.discard(weightsTemporary, specTemporary);
        }
    }

    /**
     * The first index of a value that is not finite or, for {@link DType#F32}, overflows float; −1
     * if none. Its own method, compiled as one, where the loop inside {@link #save} (run once per
     * checkpoint) was replaced on the stack.
     */
    private static int firstUnstorable(double[] values, DType dtype) {
        for (int i = 0; i < values.length; i++) {
            boolean representable = dtype == DType.F64 || Float.isFinite((float) values[i]);
            if (!Double.isFinite(values[i]) || !representable) {
                return i;
            }
        }
        return -1;
    }

    /** The model.json description of a network. */
    public static ModelSpec specOf(Sequential model) {
        List<LayerSpec> specs = new ArrayList<>();
        for (Layer layer : model.layers()) {
            specs.add(specOf(layer));
        }
        return new ModelSpec(model.inputShape(), specs);
    }

    /**
     * The model.json description of {@code layers} on inputs of {@code inputShape}, before any
     * parameter is allocated: its shapes and parameter count are checked (with overflow checks),
     * so a network too large to build is refused here.
     *
     * @throws IllegalArgumentException naming the layer if the shapes do not chain or are too large
     */
    public static ModelSpec specOf(int[] inputShape, List<Layer> layers) {
        List<LayerSpec> specs = new ArrayList<>();
        for (Layer layer : layers) {
            specs.add(specOf(layer));
        }
        return new ModelSpec(inputShape, specs);
    }

    private static LayerSpec specOf(Layer layer) {
        if (layer instanceof Linear l) {
            return new LinearSpec(l.inFeatures(), l.outFeatures(), l.hasBias());
        }
        if (layer instanceof Conv2d c) {
            return new Conv2dSpec(c.inChannels(), c.outChannels(), c.kernelSize(), c.kernelSize(), c.stride(),
                    c.padding(), c.hasBias());
        }
        if (layer instanceof MaxPool2d m) {
            return new Pool2dSpec(Pool2dSpec.Kind.MAX, m.kernelSize(), m.stride());
        }
        if (layer instanceof AvgPool2d a) {
            return new Pool2dSpec(Pool2dSpec.Kind.AVG, a.kernelSize(), a.stride());
        }
        if (layer instanceof Flatten) {
            return new FlattenSpec();
        }
        Activation a = (Activation) layer;
        ActivationSpec.Kind kind = ActivationSpec.Kind.ofType(a.type());
        return kind == ActivationSpec.Kind.LEAKY_RELU ? new ActivationSpec(kind, a.negativeSlope()) : ActivationSpec.of(kind);
    }

    /**
     * The network described by {@code spec}, with PyTorch's default initialisation (to be
     * overwritten by loaded weights).
     *
     * @throws ModelFormatException naming {@code specSource} for what the network code cannot express
     */
    public static Sequential build(ModelSpec spec, Path specSource) throws ModelFormatException {
        if (spec.layers().isEmpty()) {
            throw new ModelFormatException(specSource, "layers is empty; a model needs at least one layer");
        }
        Layer[] layers = new Layer[spec.layers().size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = layerOf(spec.layers().get(i), i, specSource);
        }
        try {
            return new Sequential(spec.inputShape(), layers);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(specSource, e.getMessage(), e);
        }
    }

    private static Layer layerOf(LayerSpec spec, int index, Path specSource) throws ModelFormatException {
        if (spec instanceof LinearSpec l) {
            return new Linear(l.inFeatures(), l.outFeatures(), l.bias());
        }
        if (spec instanceof Conv2dSpec c) {
            if (c.kernelHeight() != c.kernelWidth()) {
                throw new ModelFormatException(specSource, "layers[" + index + "] (conv2d): kernel_size ["
                        + c.kernelHeight() + ", " + c.kernelWidth() + "] is not square; only square kernels are supported");
            }
            return new Conv2d(c.inChannels(), c.outChannels(), c.kernelHeight(), c.stride(), c.padding(), c.bias());
        }
        if (spec instanceof Pool2dSpec p) {
            return p.kind() == Pool2dSpec.Kind.MAX ? new MaxPool2d(p.kernelSize(), p.stride())
                    : new AvgPool2d(p.kernelSize(), p.stride());
        }
        if (spec instanceof FlattenSpec) {
            return new Flatten();
        }
        ActivationSpec a = (ActivationSpec) spec;
        return a.kind() == ActivationSpec.Kind.LEAKY_RELU ? Activation.leakyRelu(a.negativeSlope())
                : Activation.of(a.kind().type());
    }
}
