package org.jlaplace.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {

    private static final Path SOURCE = Path.of("model.json");

    /** The CNN example of FORMATS.md §1–§2, verbatim. */
    static final String CNN_EXAMPLE = String.join("\n",
            "{\"input_shape\": [1, 8, 8],",
            " \"layers\": [",
            "   {\"type\": \"conv2d\", \"in_channels\": 1, \"out_channels\": 4, \"kernel_size\": 3, \"stride\": 1, \"padding\": 0, \"bias\": true},",
            "   {\"type\": \"relu\"},",
            "   {\"type\": \"maxpool2d\", \"kernel_size\": 2, \"stride\": 2},",
            "   {\"type\": \"flatten\"},",
            "   {\"type\": \"linear\", \"in_features\": 36, \"out_features\": 10, \"bias\": true}",
            " ]}");

    @TempDir
    Path dir;

    @Test
    void parsesTheInterfaceExample() throws ModelFormatException {
        ModelSpec spec = ModelSpec.parse(CNN_EXAMPLE, SOURCE);
        assertArrayEquals(new int[] {1, 8, 8}, spec.inputShape());
        assertEquals(List.of(new Conv2dSpec(1, 4, 3, 3, 1, 0, true), ActivationSpec.of(ActivationSpec.Kind.RELU),
                new Pool2dSpec(Pool2dSpec.Kind.MAX, 2, 2), new FlattenSpec(), new LinearSpec(36, 10, true)),
                spec.layers());
        assertArrayEquals(new int[] {4, 6, 6}, spec.shapeAfter(0));
        assertArrayEquals(new int[] {4, 3, 3}, spec.shapeAfter(2));
        assertArrayEquals(new int[] {10}, spec.outputShape());
        Map<String, int[]> params = spec.parameterShapes();
        assertEquals(List.of("0.weight", "0.bias", "4.weight", "4.bias"), List.copyOf(params.keySet()));
        assertArrayEquals(new int[] {4, 1, 3, 3}, params.get("0.weight"));
        assertArrayEquals(new int[] {10, 36}, params.get("4.weight"));
    }

    @Test
    void appliesPyTorchDefaults() throws ModelFormatException {
        ModelSpec spec = ModelSpec.parse("{\"input_shape\":[2,9,9],\"layers\":["
                + "{\"type\":\"conv2d\",\"in_channels\":2,\"out_channels\":3,\"kernel_size\":[3,2]},"
                + "{\"type\":\"avgpool2d\",\"kernel_size\":2},"
                + "{\"type\":\"leaky_relu\"},{\"type\":\"flatten\"},"
                + "{\"type\":\"linear\",\"in_features\":36,\"out_features\":1,\"bias\":false}]}", SOURCE);
        assertEquals(new Conv2dSpec(2, 3, 3, 2, 1, 0, true), spec.layers().get(0));
        assertEquals(new Pool2dSpec(Pool2dSpec.Kind.AVG, 2, 2), spec.layers().get(1), "stride defaults to kernel_size");
        assertEquals(new ActivationSpec(ActivationSpec.Kind.LEAKY_RELU, 0.01), spec.layers().get(2));
        assertArrayEquals(new int[] {3, 3, 4}, spec.shapeAfter(1));
        assertEquals(List.of("0.weight", "0.bias", "4.weight"), List.copyOf(spec.parameterShapes().keySet()));
    }

    @Test
    void everyLayerTypeRoundTripsThroughJson() throws IOException {
        ModelSpec spec = new ModelSpec(new int[] {3, 12, 12}, List.of(
                new Conv2dSpec(3, 5, 3, 5, 2, 1, false),
                ActivationSpec.of(ActivationSpec.Kind.TANH),
                new Pool2dSpec(Pool2dSpec.Kind.MAX, 2, 1),
                ActivationSpec.of(ActivationSpec.Kind.SIGMOID),
                new Pool2dSpec(Pool2dSpec.Kind.AVG, 2, 2),
                new FlattenSpec(),
                new LinearSpec(20, 7, true),
                ActivationSpec.of(ActivationSpec.Kind.GELU),
                ActivationSpec.of(ActivationSpec.Kind.SILU),
                ActivationSpec.of(ActivationSpec.Kind.SELU),
                ActivationSpec.of(ActivationSpec.Kind.SOFTPLUS),
                new ActivationSpec(ActivationSpec.Kind.LEAKY_RELU, 0.2),
                ActivationSpec.of(ActivationSpec.Kind.RELU),
                new LinearSpec(7, 2, false)));
        assertArrayEquals(new int[] {5, 6, 5}, spec.shapeAfter(0));
        assertEquals(spec, ModelSpec.parse(spec.toJson(), SOURCE));
        Path file = dir.resolve("m.json");
        spec.write(file);
        assertEquals(spec, ModelSpec.read(file));
    }

    /** Random specs whose shapes chain, built layer by layer from the current shape. */
    private static ModelSpec randomSpec(Random r) {
        boolean image = r.nextBoolean();
        int[] shape = image ? new int[] {1 + r.nextInt(3), 4 + r.nextInt(6), 4 + r.nextInt(6)} : new int[] {1 + r.nextInt(8)};
        int[] input = shape.clone();
        List<LayerSpec> layers = new ArrayList<>();
        ActivationSpec.Kind[] kinds = ActivationSpec.Kind.values();
        for (int i = r.nextInt(6); i >= 0; i--) {
            LayerSpec next;
            int pick = r.nextInt(4);
            if (pick == 0) {
                ActivationSpec.Kind k = kinds[r.nextInt(kinds.length)];
                next = k == ActivationSpec.Kind.LEAKY_RELU ? new ActivationSpec(k, r.nextGaussian()) : ActivationSpec.of(k);
            } else if (shape.length == 1) {
                next = new LinearSpec(shape[0], 1 + r.nextInt(6), r.nextBoolean());
            } else if (pick == 1 && Math.min(shape[1], shape[2]) >= 2) {
                next = new Pool2dSpec(r.nextBoolean() ? Pool2dSpec.Kind.MAX : Pool2dSpec.Kind.AVG, 2, 1 + r.nextInt(2));
            } else if (pick == 2) {
                next = new FlattenSpec();
            } else {
                int k = 1 + r.nextInt(Math.min(shape[1], shape[2]));
                next = new Conv2dSpec(shape[0], 1 + r.nextInt(4), k, k, 1 + r.nextInt(2), r.nextInt(2), r.nextBoolean());
            }
            shape = next.outputShape(shape);
            layers.add(next);
        }
        return new ModelSpec(input, layers);
    }

    @Test
    void randomSpecsRoundTripThroughJson() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            ModelSpec spec = randomSpec(new Random(seed));
            try {
                ModelSpec back = ModelSpec.parse(spec.toJson(), SOURCE);
                assertEquals(spec, back, spec.toJson());
                assertArrayEquals(spec.outputShape(), back.outputShape());
            } catch (ModelFormatException e) {
                throw new AssertionError(e.getMessage() + "\n" + spec.toJson(), e);
            }
        });
    }

    private static ModelFormatException rejects(String json, String... fragments) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelSpec.parse(json, SOURCE), json);
        assertTrue(e.getMessage().startsWith("model.json: "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> e.getMessage() + " should mention " + f);
        }
        return e;
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        rejects("{\"input_shape\": [1, 8, 8],\n \"layers\": [\n   {\"type\": \"relu\"}\n   {\"type\": \"tanh\"}]}",
                "model.json: line 4, column 4", "expected ',' or ']'");
        rejects("{\"input_shape\": [1, 8, 8,]}", "line 1, column 26");
    }

    @Test
    void shapesThatDoNotChainAreRejectedAtTheLayer() {
        String json = CNN_EXAMPLE.replace("\"in_features\": 36", "\"in_features\": 30");
        rejects(json, "line 7, column 4", "layers[4] (linear)", "in_features 30", "[36]");
        rejects("{\"input_shape\":[4,4],\"layers\":[{\"type\":\"linear\",\"in_features\":16,\"out_features\":1}]}",
                "layers[0] (linear)", "add a flatten layer");
        rejects(CNN_EXAMPLE.replace("\"in_channels\": 1", "\"in_channels\": 3"),
                "line 3", "layers[0] (conv2d)", "in_channels 3", "[1, 8, 8]");
        rejects("{\"input_shape\":[1,2,2],\"layers\":[{\"type\":\"conv2d\",\"in_channels\":1,\"out_channels\":1,"
                + "\"kernel_size\":3}]}", "kernel height 3 is larger than the padded input height 2");
        rejects("{\"input_shape\":[8],\"layers\":[{\"type\":\"maxpool2d\",\"kernel_size\":2}]}",
                "layers[0] (maxpool2d)", "[channels, height, width]");
    }

    @Test
    void unknownTypesAndFieldsAreRejected() {
        rejects("{\"input_shape\":[4],\n\"layers\":[{\"type\":\"dropout\",\"p\":0.5}]}",
                "line 2, column 19", "unknown layer type \"dropout\"");
        rejects("{\"input_shape\":[4],\"layers\":[{\"type\":\"linear\",\"in_features\":4,\"out_features\":2,\"bais\":true}]}",
                "layers[0] (linear): unknown field \"bais\"");
        rejects("{\"input_shape\":[4],\"layers\":[],\"extra\":1}", "unknown field \"extra\"");
        rejects("{\"input_shape\":[4],\"layers\":[{\"type\":\"relu\",\"negative_slope\":0.1}]}",
                "unknown field \"negative_slope\"");
    }

    @Test
    void badFieldValuesAreRejected() {
        rejects("{\"layers\":[]}", "line 1, column 1", "missing \"input_shape\"");
        rejects("{\"input_shape\":[],\"layers\":[]}", "input_shape must not be empty");
        rejects("{\"input_shape\":[0],\"layers\":[]}", "input_shape[0] must be an integer ≥ 1, found 0");
        rejects("{\"input_shape\":[4],\"layers\":[{\"type\":\"linear\",\"in_features\":4,\"out_features\":2.5}]}",
                "out_features must be an integer ≥ 1, found 2.5");
        rejects("{\"input_shape\":[4],\"layers\":[{\"type\":\"linear\",\"in_features\":4}]}",
                "layers[0] (linear): missing \"out_features\"");
        rejects("{\"input_shape\":[4],\"layers\":[{\"type\":\"linear\",\"in_features\":4,\"out_features\":2,\"bias\":1}]}",
                "bias must be true or false");
        rejects("{\"input_shape\":[1,5,5],\"layers\":[{\"type\":\"conv2d\",\"in_channels\":1,\"out_channels\":1,"
                + "\"kernel_size\":3,\"stride\":[1,2]}]}", "stride [1, 2] differs");
        rejects("{\"input_shape\":[4],\"layers\":[{\"type\":\"leaky_relu\",\"negative_slope\":\"x\"}]}",
                "negative_slope must be a finite number");
        rejects("{\"input_shape\":[4],\"layers\":[{\"type\":7}]}", "type must be a string");
        rejects("[1]", "model spec must be an object");
    }

    @Test
    void readReportsTheFileName() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"input_shape\": [1,\n 2}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelSpec.read(file));
        assertTrue(e.getMessage().startsWith(file + ": line 2, column 3"), e.getMessage());
    }

    @Test
    void constructorRejectsUnchainedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelSpec(new int[] {5}, List.of(new LinearSpec(4, 2, true))));
        assertTrue(e.getMessage().contains("layers[0] (linear): in_features 4"), e.getMessage());
    }
}
