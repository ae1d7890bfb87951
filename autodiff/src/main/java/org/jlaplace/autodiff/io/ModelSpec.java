package org.jlaplace.autodiff.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jlaplace.autodiff.io.json.JsonArray;
import org.jlaplace.autodiff.io.json.JsonNull;
import org.jlaplace.autodiff.io.json.JsonNumber;
import org.jlaplace.autodiff.io.json.JsonObject;
import org.jlaplace.autodiff.io.json.JsonParseException;
import org.jlaplace.autodiff.io.json.JsonParser;
import org.jlaplace.autodiff.io.json.JsonString;
import org.jlaplace.autodiff.io.json.JsonValue;
import org.jlaplace.autodiff.io.json.JsonWriter;

/**
 * The architecture file model.json: {@code {"input_shape": [...], "layers": [{"type": ...}, ...]}}
 * describing a PyTorch {@code nn.Sequential} with PyTorch's constructor argument names.
 * {@code input_shape} excludes the batch axis.
 *
 * <p>A spec is only constructed if its shapes chain: each layer accepts the previous layer's
 * output (e.g. a linear layer's {@code in_features} equals the flattened size before it).
 * Parameters are named {@code "<layer index>.weight"} and {@code "<layer index>.bias"}, where the
 * index counts every entry of {@code layers}, activations included (as PyTorch names them).
 */
public final class ModelSpec {

    private static final Set<String> TOP_FIELDS = Set.of("input_shape", "layers");
    private static final Set<String> LINEAR_FIELDS = Set.of("type", "in_features", "out_features", "bias");
    private static final Set<String> CONV_FIELDS =
            Set.of("type", "in_channels", "out_channels", "kernel_size", "stride", "padding", "bias");
    private static final Set<String> POOL_FIELDS = Set.of("type", "kernel_size", "stride");
    private static final Set<String> TYPE_ONLY = Set.of("type");
    private static final Set<String> LEAKY_FIELDS = Set.of("type", "negative_slope");

    private final int[] inputShape;
    private final List<LayerSpec> layers;
    private final List<int[]> outputShapes;
    private final long parameterCount;

    /**
     * @throws IllegalArgumentException if the shapes do not chain; the message names the layer
     *                                  index and type
     */
    public ModelSpec(int[] inputShape, List<LayerSpec> layers) {
        this.inputShape = inputShape.clone();
        this.layers = List.copyOf(layers);
        for (int d : inputShape) {
            if (d < 1) {
                throw new IllegalArgumentException("model spec: input_shape " + Arrays.toString(inputShape)
                        + " must have positive extents");
            }
        }
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("model spec: input_shape must not be empty");
        }
        SpatialShapes.elements(inputShape, "input_shape");
        List<int[]> shapes = new ArrayList<>();
        int[] shape = this.inputShape;
        long parameters = 0;
        for (int i = 0; i < this.layers.size(); i++) {
            try {
                shape = this.layers.get(i).outputShape(shape);
                SpatialShapes.elements(shape, "the output");
                for (Map.Entry<String, int[]> p : this.layers.get(i).parameterShapes().entrySet()) {
                    parameters += SpatialShapes.elements(p.getValue(), "parameter " + i + "." + p.getKey());
                    if (parameters > SpatialShapes.MAX_ELEMENTS) {
                        throw new IllegalArgumentException("the parameters up to here number " + parameters
                                + ", more than the limit of " + SpatialShapes.MAX_ELEMENTS);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layers[" + i + "] (" + this.layers.get(i).type() + "): "
                        + e.getMessage(), e);
            }
            shapes.add(shape);
        }
        this.outputShapes = shapes;
        this.parameterCount = parameters;
    }

    /** The number of scalar parameters P (checked to fit one Java array). */
    public long parameterCount() {
        return parameterCount;
    }

    /**
     * The number of values one example produces across all layers (input included): the size of
     * the activations a forward pass keeps per example, for memory estimates.
     */
    public long activationsPerExample() {
        long sum = SpatialShapes.elements(inputShape, "input_shape");
        for (int[] s : outputShapes) {
            sum += SpatialShapes.elements(s, "the output");
        }
        return sum;
    }

    /** The per-example input shape (batch axis excluded). */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The layers in order. */
    public List<LayerSpec> layers() {
        return layers;
    }

    /** The per-example shape after layer {@code index}. */
    public int[] shapeAfter(int index) {
        return outputShapes.get(index).clone();
    }

    /** The per-example output shape of the whole model. */
    public int[] outputShape() {
        return outputShapes.isEmpty() ? inputShape() : shapeAfter(outputShapes.size() - 1);
    }

    /**
     * Every parameter's PyTorch name ({@code "<layer index>.weight"}, {@code ".bias"}) and shape,
     * in PyTorch's order (layer by layer, weight before bias).
     */
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, int[]> p : layers.get(i).parameterShapes().entrySet()) {
                all.put(i + "." + p.getKey(), p.getValue());
            }
        }
        return all;
    }

    /** The model.json text (pretty, one layer per line). */
    public String toJson() {
        List<JsonValue> shape = new ArrayList<>();
        for (int d : inputShape) {
            shape.add(JsonNumber.of(d));
        }
        List<JsonValue> layerJson = new ArrayList<>();
        for (LayerSpec l : layers) {
            layerJson.add(l.toJson());
        }
        Map<String, JsonValue> root = new LinkedHashMap<>();
        root.put("input_shape", JsonArray.of(shape));
        root.put("layers", JsonArray.of(layerJson));
        return JsonWriter.pretty(JsonObject.of(root));
    }

    /** Writes model.json atomically (a temporary file replaces {@code file}). */
    public void write(Path file) throws IOException {
        byte[] bytes = toJson().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Writes to a temporary file beside {@code file} and returns it (for multi-file saves). */
    Path writeTemporary(Path file) throws IOException {
        byte[] bytes = toJson().getBytes(StandardCharsets.UTF_8);
        return AtomicFiles.writeTemporary(file, out -> out.write(bytes));
    }

    /**
     * Reads model.json (UTF-8).
     *
     * @throws ModelFormatException naming the file, the line and column, and the problem
     */
    public static ModelSpec read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file, "not valid UTF-8", e);
        }
        return parse(text, file);
    }

    /**
     * Parses model.json text; {@code source} names it in error messages.
     *
     * @throws ModelFormatException naming {@code source}, the line and column, and the problem
     */
    public static ModelSpec parse(String text, Path source) throws ModelFormatException {
        JsonValue root;
        try {
            root = JsonParser.parse(text.startsWith("\uFEFF") ? " " + text.substring(1) : text);
        } catch (JsonParseException e) {
            throw new ModelFormatException(source, e.getMessage(), e);
        }
        SpecReader in = new SpecReader(source);
        JsonObject top = in.object(root, "model spec");
        in.onlyFields(top, TOP_FIELDS, "model spec");
        JsonArray shapeJson = in.array(in.required(top, "input_shape", "model spec"), "input_shape");
        if (shapeJson.size() == 0) {
            throw in.error(shapeJson, "input_shape must not be empty");
        }
        int[] inputShape = new int[shapeJson.size()];
        for (int i = 0; i < inputShape.length; i++) {
            inputShape[i] = in.integer(shapeJson.get(i), "input_shape[" + i + "]", 1);
        }
        try {
            SpatialShapes.elements(inputShape, "input_shape");
        } catch (IllegalArgumentException e) {
            throw in.error(shapeJson, e.getMessage());
        }
        JsonArray layersJson = in.array(in.required(top, "layers", "model spec"), "layers");
        List<LayerSpec> layers = new ArrayList<>();
        int[] shape = inputShape;
        for (int i = 0; i < layersJson.size(); i++) {
            JsonValue entry = layersJson.get(i);
            LayerSpec layer = parseLayer(in, entry, "layers[" + i + "]");
            try {
                shape = layer.outputShape(shape);
                SpatialShapes.elements(shape, "the output");
            } catch (IllegalArgumentException e) {
                throw in.error(entry, "layers[" + i + "] (" + layer.type() + "): " + e.getMessage());
            }
            layers.add(layer);
        }
        try {
            return new ModelSpec(inputShape, layers);
        } catch (IllegalArgumentException e) {
            throw in.error(top, e.getMessage());
        }
    }

    private static LayerSpec parseLayer(SpecReader in, JsonValue entry, String what) throws ModelFormatException {
        JsonObject o = in.object(entry, what);
        JsonValue typeValue = in.required(o, "type", what);
        if (!(typeValue instanceof JsonString typeString)) {
            throw in.error(typeValue, what + ": type must be a string, found a " + typeValue.kind());
        }
        String type = typeString.value();
        String label = what + " (" + type + ")";
        try {
            switch (type) {
                case "linear":
                    in.onlyFields(o, LINEAR_FIELDS, label);
                    return new LinearSpec(
                            in.integer(in.required(o, "in_features", label), label + ": in_features", 1),
                            in.integer(in.required(o, "out_features", label), label + ": out_features", 1),
                            in.bool(o, "bias", label, true));
                case "conv2d": {
                    in.onlyFields(o, CONV_FIELDS, label);
                    int[] kernel = in.pair(in.required(o, "kernel_size", label), label + ": kernel_size", 1);
                    JsonValue stride = o.get("stride");
                    JsonValue padding = o.get("padding");
                    return new Conv2dSpec(
                            in.integer(in.required(o, "in_channels", label), label + ": in_channels", 1),
                            in.integer(in.required(o, "out_channels", label), label + ": out_channels", 1),
                            kernel[0], kernel[1],
                            stride == null ? 1 : in.square(stride, label + ": stride", 1),
                            padding == null ? 0 : in.square(padding, label + ": padding", 0),
                            in.bool(o, "bias", label, true));
                }
                case "maxpool2d":
                case "avgpool2d": {
                    in.onlyFields(o, POOL_FIELDS, label);
                    int kernel = in.square(in.required(o, "kernel_size", label), label + ": kernel_size", 1);
                    JsonValue stride = o.get("stride");
                    // PyTorch: stride=None means stride = kernel_size.
                    int s = stride == null || stride instanceof JsonNull
                            ? kernel : in.square(stride, label + ": stride", 1);
                    return new Pool2dSpec(type.equals("maxpool2d") ? Pool2dSpec.Kind.MAX : Pool2dSpec.Kind.AVG, kernel, s);
                }
                case "flatten":
                    in.onlyFields(o, TYPE_ONLY, label);
                    return new FlattenSpec();
                default: {
                    ActivationSpec.Kind kind = ActivationSpec.Kind.ofType(type);
                    if (kind == null) {
                        throw in.error(typeValue, what + ": unknown layer type \"" + type + "\" (known: linear, conv2d, "
                                + "maxpool2d, avgpool2d, flatten, relu, tanh, sigmoid, gelu, silu, selu, softplus, leaky_relu)");
                    }
                    if (kind == ActivationSpec.Kind.LEAKY_RELU) {
                        in.onlyFields(o, LEAKY_FIELDS, label);
                        return new ActivationSpec(kind, in.finite(o, "negative_slope", label,
                                ActivationSpec.DEFAULT_NEGATIVE_SLOPE));
                    }
                    in.onlyFields(o, TYPE_ONLY, label);
                    return ActivationSpec.of(kind);
                }
            }
        } catch (IllegalArgumentException e) {
            throw in.error(o, label + ": " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelSpec s && Arrays.equals(inputShape, s.inputShape) && layers.equals(s.layers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(inputShape) + layers.hashCode();
    }

    @Override
    public String toString() {
        return "ModelSpec" + Arrays.toString(inputShape) + layers;
    }
}
