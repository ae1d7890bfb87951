package org.jlaplace.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.jlaplace.autodiff.io.DType;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and heavy inputs, tried as a new user would, through the real command line in process
 * ({@link Main#run}). Every case must end with the documented exit status (2 for bad input,
 * numerical failures and heap refusals) and a one-line message naming the file, field, option or
 * stage, never with a Java stack trace. Files are small and generated here. Interrupts, which need
 * a real process, are in {@link InterruptTest}.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    /** A trained-looking digits MLP (64-8-10 tanh) saved as model.json + model.safetensors. */
    Path modelJson;
    Path weights;

    record Run(int exit, String out, String err) {
        /** Asserts the exit status, that stderr names every fragment, and that no stack trace was printed. */
        Run expect(int status, String... fragments) {
            assertEquals(status, exit, this::toString);
            for (String f : fragments) {
                assertTrue(err.contains(f), () -> "stderr should mention \"" + f + "\"\n" + this);
            }
            assertFalse(err.contains("\tat "), () -> "a stack trace reached the user\n" + this);
            assertFalse(err.contains("internal error"), () -> "reported as an internal error\n" + this);
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Run cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void saveModel() throws IOException {
        Sequential net = new Sequential(new int[] {1, 8, 8}, new Flatten(), new Linear(64, 8, true),
                Activation.of("tanh"), new Linear(8, 10, true));
        modelJson = dir.resolve("model.json");
        weights = dir.resolve("model.safetensors");
        ModelIO.save(net, modelJson, weights, DType.F64);
    }

    /** {@code evidence --estimator exact} on embedded digits with the given model options appended. */
    Run evidence(String... more) {
        String[] base = {"evidence", "--estimator", "exact", "--prior-precision", "1", "--dataset", "digits",
            "--scale", "0.0625"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return cli(args);
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A safetensors file: the header JSON (length-prefixed) followed by {@code data}. */
    static byte[] safetensors(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    /** The header and data section of the saved weights, to be forged. */
    String header() throws IOException {
        byte[] all = Files.readAllBytes(weights);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(all, 8, (int) n, StandardCharsets.UTF_8).trim();
    }

    byte[] data() throws IOException {
        byte[] all = Files.readAllBytes(weights);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return java.util.Arrays.copyOfRange(all, 8 + (int) n, all.length);
    }

    @Nested
    class Safetensors {
        @Test
        void anExponentBeyondAnIntInDataOffsetsNamesTheField() throws IOException {
            String h = header().replaceFirst("\"data_offsets\":\\[0,", "\"data_offsets\":[1e9999999999,");
            Path w = write("w.safetensors", safetensors(h, data()));
            evidence("--model", modelJson.toString(), "--weights", w.toString())
                    .expect(2, "w.safetensors", "data_offsets[0]", "1e9999999999", "out of range");
        }

        @Test
        void anExponentBeyondAnIntInAShapeNamesTheField() throws IOException {
            String h = header().replaceFirst("\"shape\":\\[8,64\\]", "\"shape\":[1e9999999999,64]");
            Path w = write("w.safetensors", safetensors(h, data()));
            evidence("--model", modelJson.toString(), "--weights", w.toString())
                    .expect(2, "w.safetensors", "shape[0]", "out of range");
        }

        @Test
        void aHugeButFittingExponentIsNotExpanded() throws IOException {
            String h = header().replaceFirst("\"shape\":\\[8,64\\]", "\"shape\":[1e999999999,64]");
            Path w = write("w.safetensors", safetensors(h, data()));
            evidence("--model", modelJson.toString(), "--weights", w.toString()).expect(2, "shape[0]");
        }

        @Test
        void truncatedFilesAndForgedHeaderLengths() throws IOException {
            Path shortFile = write("short.safetensors", new byte[] {1, 2, 3});
            evidence("--model", modelJson.toString(), "--weights", shortFile.toString())
                    .expect(2, "short.safetensors", "truncated");
            byte[] forged = Files.readAllBytes(weights);
            ByteBuffer.wrap(forged).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
            Path f = write("forged.safetensors", forged);
            evidence("--model", modelJson.toString(), "--weights", f.toString()).expect(2, "forged.safetensors", "header length");
            byte[] whole = Files.readAllBytes(weights);
            Path cut = write("cut.safetensors", java.util.Arrays.copyOf(whole, whole.length - 8));
            evidence("--model", modelJson.toString(), "--weights", cut.toString()).expect(2, "cut.safetensors", "data_offsets");
        }

        @Test
        void trailingBytesAreRejected() throws IOException {
            byte[] d = data();
            Path w = write("w.safetensors", safetensors(header(), java.util.Arrays.copyOf(d, d.length + 4)));
            evidence("--model", modelJson.toString(), "--weights", w.toString()).expect(2, "trailing bytes");
        }

        @Test
        void aWeightOf1e300IsANumericalFailureNamingTheTensor() throws IOException {
            byte[] d = data();
            ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putDouble(0, 1e300);
            Path w = write("w.safetensors", safetensors(header(), d));
            evidence("--model", modelJson.toString(), "--weights", w.toString())
                    .expect(2, "numerical failure", "evidence", "1.weight", "1.0E300", "weights are too large");
        }

        @Test
        void aNanWeightNamesTheTensorAndIndex() throws IOException {
            byte[] d = data();
            ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putDouble(8, Double.NaN);
            Path w = write("w.safetensors", safetensors(header(), d));
            evidence("--model", modelJson.toString(), "--weights", w.toString()).expect(2, "1.weight", "NaN", "flat index 1");
        }

        @Test
        void weightsNamingADirectoryOrADeviceSaySo() {
            evidence("--model", modelJson.toString(), "--weights", dir.toString()).expect(2, "--weights", "is a directory");
            if (Files.exists(Path.of("/dev/zero"))) {
                evidence("--model", modelJson.toString(), "--weights", "/dev/zero").expect(2, "/dev/zero", "not a regular file");
            }
            evidence("--model", modelJson.toString(), "--weights", dir.resolve("none").toString()).expect(2, "no such file");
        }
    }

    @Nested
    class ModelJson {
        @Test
        void anExponentBeyondAnIntNamesTheField() throws IOException {
            Path m = write("m.json", Files.readString(modelJson).replace("\"out_features\": 8", "\"out_features\": 1e9999999999"));
            evidence("--model", m.toString(), "--weights", weights.toString()).expect(2, "m.json", "out_features", "1e9999999999");
        }

        @Test
        void widthsWhoseProductsOverflowAreRejectedBeforeBuilding() throws IOException {
            Path chain = write("chain.json", "{\"input_shape\": [4], \"layers\": ["
                    + "{\"type\": \"linear\", \"in_features\": 4, \"out_features\": 2000000000},"
                    + "{\"type\": \"linear\", \"in_features\": 2000000000, \"out_features\": 2000000000}]}");
            evidence("--model", chain.toString(), "--weights", weights.toString())
                    .expect(2, "chain.json", "layers[0]", "more than the limit");
            Path input = write("input.json", "{\"input_shape\": [1, 65536, 65536], \"layers\": [{\"type\": \"flatten\"}]}");
            evidence("--model", input.toString(), "--weights", weights.toString())
                    .expect(2, "input.json", "input_shape", "4294967296");
            Path conv = write("conv.json", "{\"input_shape\": [1, 8, 8], \"layers\": [{\"type\": \"conv2d\", \"in_channels\": 1,"
                    + " \"out_channels\": 2000000000, \"kernel_size\": 3, \"padding\": 2000000000}]}");
            evidence("--model", conv.toString(), "--weights", weights.toString()).expect(2, "conv.json", "layers[0]");
        }

        @Test
        void aLargeWellFormedModelIsRefusedWithAnEstimateBeforeItIsBuilt() throws IOException {
            Path big = write("big.json", "{\"input_shape\": [1, 8, 8], \"layers\": [{\"type\": \"flatten\"},"
                    + " {\"type\": \"linear\", \"in_features\": 64, \"out_features\": 30000000}]}");
            long t = System.nanoTime();
            evidence("--model", big.toString(), "--weights", weights.toString())
                    .expect(2, "--model", "1950000000 parameters", "needs an estimated", "GB of heap", "the heap is",
                            "JLAPLACE_JAVA_OPTS=-Xmx");
            assertTrue((System.nanoTime() - t) / 1e9 < 5, "refused before building");
        }

        @Test
        void brokenJsonNamesTheLineAndColumn() throws IOException {
            Path m = write("m.json", "{\"input_shape\": [1, 8, 8],\n \"layers\": [}");
            evidence("--model", m.toString(), "--weights", weights.toString()).expect(2, "m.json", "line 2");
        }
    }

    @Nested
    class Csv {
        @Test
        void aCellOf1e300IsANumericalFailureNamingTheCell() throws IOException {
            Path csv = write("big.csv", "a,b,y\n1e300,2,0\n3,4,1\n5,6,0\n7,8,1\n");
            cli("marglik", "--data", csv.toString(), "--likelihood", "classification", "--model", "mlp:4-2",
                    "--epochs", "1", "--quiet", "--out", dir.resolve("o").toString())
                    .expect(2, "numerical failure", "big.csv:2:1", "--scale or --standardize");
            assertFalse(Files.exists(dir.resolve("o")), "nothing written");
        }

        @Test
        void raggedRowsAndNonFiniteCellsArePlaced() throws IOException {
            Path ragged = write("r.csv", "a,b,y\n1,2,0\n3,1\n");
            cli("evidence", "--estimator", "exact", "--prior-precision", "1", "--data", ragged.toString(),
                    "--likelihood", "classification", "--model", "mlp:2", "--weights", weights.toString())
                    .expect(2, "r.csv:3", "found 2 fields");
            Path nan = write("n.csv", "a,b,y\n1,NaN,0\n");
            cli("evidence", "--estimator", "exact", "--prior-precision", "1", "--data", nan.toString(),
                    "--likelihood", "classification", "--model", "mlp:2", "--weights", weights.toString())
                    .expect(2, "n.csv:2:2", "not finite");
        }

        @Test
        void devZeroHitsTheLineLengthBound() {
            if (!Files.exists(Path.of("/dev/zero"))) {
                return;
            }
            cli("evidence", "--estimator", "exact", "--prior-precision", "1", "--data", "/dev/zero",
                    "--likelihood", "classification", "--model", "mlp:2", "--weights", weights.toString())
                    .expect(2, "/dev/zero:1", "longer than");
        }

        @Test
        void oneRowOrOneClassIsBadInputForMarglik() throws IOException {
            Path one = write("one.csv", "a,b,y\n1,2,0\n");
            cli("marglik", "--data", one.toString(), "--likelihood", "classification", "--epochs", "1", "--quiet",
                    "--out", dir.resolve("o1").toString()).expect(2, "one.csv", "at least 2 classes");
            Path single = write("single.csv", "a,b,y\n1,2,0\n3,4,0\n5,6,0\n");
            cli("marglik", "--data", single.toString(), "--likelihood", "classification", "--epochs", "1", "--quiet",
                    "--out", dir.resolve("o2").toString()).expect(2, "single.csv", "at least 2 classes");
        }
    }

    @Nested
    class Idx {
        byte[] images(int n, int rows, int cols, int pixels) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(b);
            o.writeInt(0x803);
            o.writeInt(n);
            o.writeInt(rows);
            o.writeInt(cols);
            o.write(new byte[pixels]);
            return b.toByteArray();
        }

        byte[] labels(int n) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(b);
            o.writeInt(0x801);
            o.writeInt(n);
            for (int i = 0; i < n; i++) {
                o.writeByte(i % 10);
            }
            return b.toByteArray();
        }

        byte[] gzip(byte[] raw) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (OutputStream o = new GZIPOutputStream(b)) {
                o.write(raw);
            }
            return b.toByteArray();
        }

        Run evidenceOn(Path img, Path lab) {
            return cli("evidence", "--estimator", "exact", "--prior-precision", "1", "--images", img.toString(),
                    "--labels", lab.toString(), "--model", modelJson.toString(), "--weights", weights.toString());
        }

        @Test
        void aHeaderAnnouncing4GBIsCheckedAgainstTheFileBeforeAllocating() throws IOException {
            Path lab = write("lab", labels(20));
            long t = System.nanoTime();
            Path img = write("img", images(65536, 65536, 1, 4096));
            evidenceOn(img, lab).expect(2, "img", "truncated", "65536 images of 65536x1");
            Path gz = write("img.gz", gzip(images(65536, 65536, 1, 4096)));
            evidenceOn(gz, lab).expect(2, "img.gz", "gzipped bytes can hold at most");
            assertTrue((System.nanoTime() - t) / 1e9 < 5, "checked before allocating");
        }

        @Test
        void dimensionsArePrintedUnsigned() throws IOException {
            Path img = write("img", images(1, 0xFFFFFFFF, 0xFFFFFFFF, 0));
            evidenceOn(img, write("lab", labels(1))).expect(2, "bad header: 1 images of 4294967295x4294967295", "too large");
            Path zero = write("zero", images(1, 0, 8, 0));
            evidenceOn(zero, write("lab0", labels(1))).expect(2, "0x8", "must be positive");
            Path many = write("many", images(0xFFFFFFFF, 1, 1, 0));
            evidenceOn(many, write("lab1", labels(1))).expect(2, "4294967295 images of 1x1");
        }

        @Test
        void trailingBytesAreRejectedPlainAndGzipped() throws IOException {
            byte[] raw = images(20, 8, 8, 20 * 64 + 3);
            Path lab = write("lab", labels(20));
            evidenceOn(write("img", raw), lab).expect(2, "img", "3 trailing bytes");
            evidenceOn(write("img.gz", gzip(raw)), lab).expect(2, "img.gz", "trailing bytes");
            byte[] labelsPlus = java.util.Arrays.copyOf(labels(20), 8 + 21);
            evidenceOn(write("img2", images(20, 8, 8, 20 * 64)), write("lab2", labelsPlus)).expect(2, "lab2", "trailing bytes");
        }

        @Test
        void imagesMustHaveTheModelsShapeNotOnlyItsSize() throws IOException {
            Sequential conv = new Sequential(new int[] {1, 8, 8}, new Conv2d(1, 2, 3, 1, 1, true), Activation.of("tanh"),
                    new Flatten(), new Linear(128, 10, true));
            Path cj = dir.resolve("conv.json");
            Path cw = dir.resolve("conv.safetensors");
            ModelIO.save(conv, cj, cw, DType.F64);
            cli("evidence", "--estimator", "exact", "--prior-precision", "1", "--images",
                    write("img", images(20, 4, 16, 20 * 64)).toString(), "--labels", write("lab", labels(20)).toString(),
                    "--model", cj.toString(), "--weights", cw.toString())
                    .expect(2, "[1, 4, 16]", "input_shape is [1, 8, 8]");
            cli("evidence", "--estimator", "exact", "--prior-precision", "1", "--dataset", "digits", "--input-shape", "1,2,32",
                    "--model", cj.toString(), "--weights", cw.toString())
                    .expect(2, "--input-shape", "[1, 2, 32]", "input_shape is [1, 8, 8]");
        }
    }

    @Nested
    class Options {
        @Test
        void aHugeBoundsGridIsRejected() {
            cli("bounds", "--grid", "-4,4,2000000000").expect(2, "--grid", "at most");
        }

        @Test
        void boundsRunWithoutModelFilesNamesTheRun() {
            cli("bounds", "--run", dir.resolve("none").toString()).expect(2, "--run", "no such directory");
            Path run = dir.resolve("run");
            try {
                Files.createDirectory(run);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            cli("bounds", "--run", run.toString()).expect(2, "--run", "has no model.json");
        }

        @Test
        void outputDirectoryProblemsGiveTheReason() throws IOException {
            cli("marglik", "--epochs", "1", "--out", "").expect(2, "--out", "empty path");
            Path file = write("afile", "x");
            cli("marglik", "--epochs", "1", "--quiet", "--out", file.resolve("sub").toString())
                    .expect(2, "--out", "cannot create", "a file is in the way");
            cli("marglik", "--epochs", "1", "--quiet", "--out", dir.toString()).expect(2, "--out", "directory exists");
        }

        @Test
        void scalesWhoseSquareOverflowsAreRejected() {
            cli("marglik", "--dataset", "sine", "--sigma", "1e-300", "--epochs", "1", "--quiet",
                    "--out", dir.resolve("o").toString()).expect(2, "--sigma", "would overflow");
        }
    }

    @Nested
    class Memory {
        @Test
        void aHyperStepBatchBeyondTheHeapIsRefusedBeforeTraining() {
            Path out = dir.resolve("o");
            cli("marglik", "--model", "mlp:3000-10", "--estimator", "kernel", "--batch-size", "1000", "--epochs", "1",
                    "--quiet", "--out", out.toString())
                    .expect(2, "marglik --estimator kernel --batch-size 1000", "needs an estimated", "batch Jacobian",
                            "the heap is", "smaller --batch-size", "JLAPLACE_JAVA_OPTS=-Xmx");
            assertFalse(Files.exists(out));
        }
    }

    @Nested
    class Numerics {
        @Test
        void aTrainingRunThatOverflowsInItsFirstEpochWritesNothing() {
            Path out = dir.resolve("o");
            cli("marglik", "--dataset", "sine", "--optimizer", "sgd", "--lr", "1e100", "--epochs", "5", "--quiet",
                    "--out", out.toString())
                    .expect(2, "numerical failure: marglik, epoch 1 of 5", "Sgd.step", "NaN", "nothing was written",
                            "learning rate");
            assertFalse(Files.exists(out));
        }

        @Test
        void aTrainingRunThatOverflowsLaterKeepsItsCompleteEpochsAsInterrupted() throws IOException {
            Path out = dir.resolve("o");
            Run r = cli("marglik", "--dataset", "sine", "--optimizer", "sgd", "--lr", "1e10", "--epochs", "20", "--quiet",
                    "--out", out.toString());
            r.expect(2, "numerical failure: marglik, epoch ", "the run was stopped as interrupted", "kept in " + out);
            assertTrue(Files.readString(out.resolve("summary.json")).contains("\"interrupted\""), r::toString);
            assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
        }
    }
}
