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
import java.util.stream.Stream;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.AvgPool2d;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {

    @TempDir
    Path dir;

    private static Sequential cnn(long seed) {
        return new Sequential(new Rng(seed), new int[] {2, 9, 9},
                new Conv2d(2, 3, 3, 1, 1, true), Activation.relu(), new MaxPool2d(2),
                new Conv2d(3, 4, 2, 1, 0, false), Activation.leakyRelu(0.2), new AvgPool2d(2, 1),
                new Flatten(), new Linear(16, 5, true), Activation.gelu(), Activation.silu(),
                Activation.selu(), Activation.softplus(), Activation.tanh(), Activation.sigmoid(),
                new Linear(5, 3, false));
    }

    private static Tensor input(long seed, int m, int... shape) {
        int[] full = new int[shape.length + 1];
        full[0] = m;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return new Rng(seed ^ 0x5DEECE66DL).normal(0, 1, full);
    }

    @Test
    void saveThenLoadGivesIdenticalOutputsF64() {
        qt().withExamples(8).forAll(longs().all()).checkAssert(seed -> {
            try {
                Sequential model = cnn(seed);
                Path json = dir.resolve("m.json");
                Path weights = dir.resolve("m.safetensors");
                ModelIO.save(model, json, weights, DType.F64);
                Sequential back = ModelIO.load(json, weights);
                assertEquals(ModelIO.specOf(model), ModelIO.specOf(back));
                assertArrayEquals(model.flatParameters().toArray(), back.flatParameters().toArray());
                Tensor x = input(seed, 4, 2, 9, 9);
                assertArrayEquals(model.forward(x).toArray(), back.forward(x).toArray());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void f32RoundTripIsExactForFloatValues() throws IOException {
        Sequential model = cnn(7);
        model.setFlatParameters(model.flatParameters().map(v -> (float) v));
        Path json = dir.resolve("f.json");
        Path weights = dir.resolve("f.safetensors");
        ModelIO.save(model, json, weights, DType.F32);
        assertEquals(DType.F32, SafeTensors.read(weights).get("0.weight").dtype());
        Sequential back = ModelIO.load(json, weights);
        assertArrayEquals(model.flatParameters().toArray(), back.flatParameters().toArray());
        Tensor x = input(3, 2, 2, 9, 9);
        assertArrayEquals(model.forward(x).toArray(), back.forward(x).toArray());
    }

    @Test
    void savedFilesUsePyTorchNamesAndShapes() throws IOException {
        Sequential model = new Sequential(new Rng(1), new int[] {6}, new Linear(6, 4, true), Activation.tanh(),
                new Linear(4, 2, false));
        Path json = dir.resolve("mlp.json");
        Path weights = dir.resolve("mlp.safetensors");
        ModelIO.save(model, json, weights, DType.F64);
        SafeTensorsFile file = SafeTensors.read(weights);
        assertEquals(List.of("0.weight", "0.bias", "2.weight"), List.copyOf(file.names()));
        assertArrayEquals(new int[] {4, 6}, file.get("0.weight").shape());
        assertArrayEquals(new int[] {2, 4}, file.get("2.weight").shape());
        assertArrayEquals(model.parameter("2.weight").value().toArray(), file.get("2.weight").values());
        String text = Files.readString(json);
        assertTrue(text.contains("{\"type\": \"linear\", \"in_features\": 6, \"out_features\": 4, \"bias\": true}"), text);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    /** The CNN of FORMATS.md §1–§2 with weights written independently of ModelIO, checked against loops. */
    @Test
    void loadsTheInterfaceExampleAndMatchesANaiveForwardPass() throws IOException {
        Path json = Files.writeString(dir.resolve("model.json"), ModelSpecTest.CNN_EXAMPLE);
        Rng rng = new Rng(11);
        double[] w0 = floats(rng, 4 * 9);
        double[] b0 = floats(rng, 4);
        double[] w4 = floats(rng, 10 * 36);
        double[] b4 = floats(rng, 10);
        Path weights = dir.resolve("model.safetensors");
        SafeTensors.write(weights, List.of(
                new SafeTensor("0.weight", DType.F32, new int[] {4, 1, 3, 3}, w0),
                new SafeTensor("0.bias", DType.F32, new int[] {4}, b0),
                new SafeTensor("4.weight", DType.F32, new int[] {10, 36}, w4),
                new SafeTensor("4.bias", DType.F32, new int[] {10}, b4)), Map.of("format", "pt"));
        Sequential model = ModelIO.load(json, weights);
        assertArrayEquals(new int[] {10}, model.outputShape());
        int m = 3;
        Tensor x = input(5, m, 1, 8, 8);
        double[] xs = x.toArray();
        double[] out = model.forward(x).toArray();
        for (int n = 0; n < m; n++) {
            double[] conv = new double[4 * 6 * 6];
            for (int o = 0; o < 4; o++) {
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        double s = b0[o];
                        for (int u = 0; u < 3; u++) {
                            for (int v = 0; v < 3; v++) {
                                s += w0[o * 9 + u * 3 + v] * xs[n * 64 + (i + u) * 8 + (j + v)];
                            }
                        }
                        conv[o * 36 + i * 6 + j] = Math.max(s, 0);
                    }
                }
            }
            double[] pooled = new double[36];
            for (int o = 0; o < 4; o++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double best = Double.NEGATIVE_INFINITY;
                        for (int u = 0; u < 2; u++) {
                            for (int v = 0; v < 2; v++) {
                                best = Math.max(best, conv[o * 36 + (2 * i + u) * 6 + (2 * j + v)]);
                            }
                        }
                        pooled[o * 9 + i * 3 + j] = best;
                    }
                }
            }
            for (int c = 0; c < 10; c++) {
                double s = b4[c];
                for (int k = 0; k < 36; k++) {
                    s += w4[c * 36 + k] * pooled[k];
                }
                assertEquals(s, out[n * 10 + c], 1e-12 * (1 + Math.abs(s)), "example " + n + " output " + c);
            }
        }
    }

    private static double[] floats(Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    // ---- files that do not fit the spec ----

    private Path mlpSpec() throws IOException {
        return Files.writeString(dir.resolve("mlp.json"), "{\"input_shape\": [3], \"layers\": [\n"
                + "  {\"type\": \"linear\", \"in_features\": 3, \"out_features\": 2},\n"
                + "  {\"type\": \"relu\"},\n"
                + "  {\"type\": \"linear\", \"in_features\": 2, \"out_features\": 1, \"bias\": false}]}");
    }

    private Path weights(SafeTensor... tensors) throws IOException {
        Path p = dir.resolve("w.safetensors");
        SafeTensors.write(p, List.of(tensors), Map.of());
        return p;
    }

    private static SafeTensor t(String name, int[] shape, double... values) {
        return new SafeTensor(name, DType.F64, shape, values);
    }

    private static final SafeTensor W0 = t("0.weight", new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
    private static final SafeTensor B0 = t("0.bias", new int[] {2}, 0.5, -0.5);
    private static final SafeTensor W2 = t("2.weight", new int[] {1, 2}, 1, -1);

    private static void rejects(Path json, Path weights, Path file, String... fragments) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(json, weights));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> e.getMessage() + " should mention " + f);
        }
    }

    @Test
    void loadsMatchingWeights() throws IOException {
        Sequential model = ModelIO.load(mlpSpec(), weights(W0, B0, W2));
        double[] y = model.forward(Tensor.of(new double[] {1, 0, -1}, 1, 3)).toArray();
        // layer 0: [1-3+0.5, 4-6-0.5] = [-1.5, -2.5] → relu → 0 → output 0
        assertArrayEquals(new double[] {0.0}, y);
        double[] z = model.forward(Tensor.of(new double[] {1, 1, 1}, 1, 3)).toArray();
        assertArrayEquals(new double[] {6.5 - 14.5}, z);
    }

    @Test
    void rejectsMissingTensors() throws IOException {
        Path w = weights(W0, W2);
        rejects(mlpSpec(), w, w, "missing tensor(s) [\"0.bias\"]");
    }

    @Test
    void rejectsExtraTensors() throws IOException {
        Path w = weights(W0, B0, W2, t("2.bias", new int[] {1}, 0));
        rejects(mlpSpec(), w, w, "extra tensor(s) [\"2.bias\"]");
    }

    @Test
    void rejectsWrongShapes() throws IOException {
        Path w = weights(t("0.weight", new int[] {3, 2}, 1, 2, 3, 4, 5, 6), B0, W2);
        rejects(mlpSpec(), w, w, "tensor \"0.weight\" has shape [3, 2]", "layers[0] (linear)", "needs [2, 3]");
    }

    @Test
    void rejectsNonFiniteWeightsNamingTheTensor() throws IOException {
        Path w = weights(W0, t("0.bias", new int[] {2}, 0.5, Double.NaN), W2);
        rejects(mlpSpec(), w, w, "tensor \"0.bias\" holds NaN at flat index 1");
        Path inf = weights(W0, B0, t("2.weight", new int[] {1, 2}, Double.NEGATIVE_INFINITY, 1));
        rejects(mlpSpec(), inf, inf, "tensor \"2.weight\" holds -Infinity at flat index 0");
    }

    @Test
    void rejectsSpecsTheNetworkCannotExpress() throws IOException {
        Path w = weights(W0, B0, W2);
        Path rect = Files.writeString(dir.resolve("rect.json"), "{\"input_shape\": [1, 5, 5], \"layers\": ["
                + "{\"type\": \"conv2d\", \"in_channels\": 1, \"out_channels\": 1, \"kernel_size\": [3, 2]}]}");
        rejects(rect, w, rect, "layers[0] (conv2d): kernel_size [3, 2] is not square");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"input_shape\": [3], \"layers\": []}");
        rejects(empty, w, empty, "at least one layer");
    }

    @Test
    void reportsMalformedWeightsFilesByName() throws IOException {
        Path truncated = Files.write(dir.resolve("t.safetensors"), new byte[] {1, 0});
        rejects(mlpSpec(), truncated, truncated, "truncated");
    }

    @Test
    void savingRejectsNonFiniteParametersAndWritesNothing() {
        Sequential model = new Sequential(new int[] {2}, new Linear(2, 2, true));
        Parameter bias = model.parameter("0.bias");
        bias.value().set(Double.POSITIVE_INFINITY, 1);
        Path json = dir.resolve("bad.json");
        Path weights = dir.resolve("bad.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelIO.save(model, json, weights, DType.F64));
        assertTrue(e.getMessage().contains("\"0.bias\" holds Infinity at flat index 1"), e.getMessage());
        assertTrue(Files.notExists(json) && Files.notExists(weights));
    }

    @Test
    void savingRejectsValuesThatOverflowF32() {
        Sequential model = new Sequential(new int[] {2}, new Linear(2, 1, false));
        model.parameter("0.weight").value().set(1e300, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelIO.save(model, dir.resolve("a.json"), dir.resolve("a.safetensors"), DType.F32));
        assertTrue(e.getMessage().contains("\"0.weight\" holds 1.0E300 at flat index 0, which overflows F32"),
                e.getMessage());
    }

    @Test
    void savingReplacesExistingFilesCompletely() throws IOException {
        Path json = dir.resolve("r.json");
        Path weights = dir.resolve("r.safetensors");
        List<Sequential> models = new ArrayList<>();
        models.add(new Sequential(new Rng(1), new int[] {4}, new Linear(4, 8, true), Activation.relu(), new Linear(8, 2, true)));
        models.add(new Sequential(new Rng(2), new int[] {2}, new Linear(2, 1, true)));
        for (Sequential m : models) {
            ModelIO.save(m, json, weights, DType.F64);
            Sequential back = ModelIO.load(json, weights);
            assertArrayEquals(m.flatParameters().toArray(), back.flatParameters().toArray());
        }
    }
}
