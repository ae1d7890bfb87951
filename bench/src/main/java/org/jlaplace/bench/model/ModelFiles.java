package org.jlaplace.bench.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.io.ActivationSpec;
import org.jlaplace.autodiff.io.Conv2dSpec;
import org.jlaplace.autodiff.io.DType;
import org.jlaplace.autodiff.io.FlattenSpec;
import org.jlaplace.autodiff.io.LayerSpec;
import org.jlaplace.autodiff.io.LinearSpec;
import org.jlaplace.autodiff.io.ModelFormatException;
import org.jlaplace.autodiff.io.ModelSpec;
import org.jlaplace.autodiff.io.Pool2dSpec;
import org.jlaplace.autodiff.io.SafeTensor;
import org.jlaplace.autodiff.io.SafeTensors;
import org.jlaplace.autodiff.io.SafeTensorsFile;
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
 * Reads and writes a network as the two files of INTERFACES.md §1 ({@code model.json} through
 * {@link ModelSpec}, parameters through {@link SafeTensors}, F64 on write so a round trip is exact).
 * Every problem is a {@link ModelFormatException} naming the file.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** The network described by {@code json} with the parameters of {@code weights}. */
    public static Sequential load(Path json, Path weights) throws IOException {
        Sequential net = build(ModelSpec.read(json), json);
        loadWeights(net, weights, json.toString());
        return net;
    }

    /**
     * Sets every parameter of {@code net} from {@code weights}: each must be present with the
     * parameter's shape and finite values, and no other tensor may be present ({@code modelName}
     * names the architecture in messages).
     */
    public static void loadWeights(Sequential net, Path weights, String modelName) throws IOException {
        SafeTensorsFile file = SafeTensors.read(weights);
        java.util.Set<String> expected = new java.util.LinkedHashSet<>();
        for (Parameter p : net.parameters()) {
            expected.add(p.name());
        }
        for (String name : file.names()) {
            if (!expected.contains(name)) {
                throw new ModelFormatException(weights, "tensor '" + name + "' is not a parameter of " + modelName
                        + " (expected " + expected + ")");
            }
        }
        for (Parameter p : net.parameters()) {
            SafeTensor t = file.get(p.name());
            if (t == null) {
                throw new ModelFormatException(weights, "missing tensor '" + p.name() + "' of shape "
                        + Arrays.toString(p.shape()));
            }
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new ModelFormatException(weights, "tensor '" + p.name() + "' has shape " + Arrays.toString(t.shape())
                        + ", " + modelName + " needs " + Arrays.toString(p.shape()));
            }
            for (int i = 0; i < t.values().length; i++) {
                if (!Double.isFinite(t.values()[i])) {
                    throw new ModelFormatException(weights, "tensor '" + p.name() + "' has a non-finite value "
                            + t.values()[i] + " at flat index " + i);
                }
            }
            p.set(Tensor.copyOf(t.values(), p.shape()));
        }
    }

    /** Writes {@code net} as {@code json} and {@code weights} (F64). */
    public static void save(Sequential net, Path json, Path weights) throws IOException {
        specOf(net).write(json);
        List<SafeTensor> tensors = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            tensors.add(new SafeTensor(p.name(), DType.F64, p.shape(), p.value().toArray()));
        }
        SafeTensors.write(weights, tensors, Map.of("format", "pt", "producer", "jlaplace"));
    }

    /** The model.json description of {@code net}. */
    public static ModelSpec specOf(Sequential net) {
        List<LayerSpec> layers = new ArrayList<>();
        for (Layer l : net.layers()) {
            if (l instanceof Linear) {
                Linear lin = (Linear) l;
                layers.add(new LinearSpec(lin.inFeatures(), lin.outFeatures(), lin.hasBias()));
            } else if (l instanceof Conv2d) {
                Conv2d c = (Conv2d) l;
                int[] w = c.parameterSpecs().get(0).shape();
                layers.add(new Conv2dSpec(w[1], w[0], c.kernelSize(), c.kernelSize(), c.stride(), c.padding(),
                        c.parameterSpecs().size() > 1));
            } else if (l instanceof MaxPool2d) {
                MaxPool2d m = (MaxPool2d) l;
                layers.add(new Pool2dSpec(Pool2dSpec.Kind.MAX, m.kernelSize(), m.stride()));
            } else if (l instanceof AvgPool2d) {
                AvgPool2d m = (AvgPool2d) l;
                layers.add(new Pool2dSpec(Pool2dSpec.Kind.AVG, m.kernelSize(), m.stride()));
            } else if (l instanceof Flatten) {
                layers.add(new FlattenSpec());
            } else {
                Activation a = (Activation) l;
                layers.add(new ActivationSpec(ActivationSpec.Kind.ofType(a.type()), a.negativeSlope()));
            }
        }
        return new ModelSpec(net.inputShape(), layers);
    }

    private static Sequential build(ModelSpec spec, Path json) throws ModelFormatException {
        List<Layer> layers = new ArrayList<>();
        int index = 0;
        for (LayerSpec s : spec.layers()) {
            if (s instanceof LinearSpec) {
                LinearSpec l = (LinearSpec) s;
                layers.add(new Linear(l.inFeatures(), l.outFeatures(), l.bias()));
            } else if (s instanceof Conv2dSpec) {
                Conv2dSpec c = (Conv2dSpec) s;
                if (c.kernelHeight() != c.kernelWidth()) {
                    throw new ModelFormatException(json, "layer " + index + ": conv2d kernel_size [" + c.kernelHeight()
                            + ", " + c.kernelWidth() + "] is not square; only square kernels are supported");
                }
                layers.add(new Conv2d(c.inChannels(), c.outChannels(), c.kernelHeight(), c.stride(), c.padding(), c.bias()));
            } else if (s instanceof Pool2dSpec) {
                Pool2dSpec p = (Pool2dSpec) s;
                layers.add(p.kind() == Pool2dSpec.Kind.MAX ? new MaxPool2d(p.kernelSize(), p.stride())
                        : new AvgPool2d(p.kernelSize(), p.stride()));
            } else if (s instanceof FlattenSpec) {
                layers.add(new Flatten());
            } else {
                ActivationSpec a = (ActivationSpec) s;
                layers.add(a.kind() == ActivationSpec.Kind.LEAKY_RELU ? Activation.leakyRelu(a.negativeSlope())
                        : Activation.of(a.kind().type()));
            }
            index++;
        }
        try {
            return new Sequential(spec.inputShape(), layers.toArray(new Layer[0]));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json, e.getMessage(), e);
        }
    }
}
