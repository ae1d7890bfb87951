package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jlaplace marglik --dtype}: float32 runs end to end, their checkpoints, overflow stops and bad values. */
class MarglikDtypeTest {
    @TempDir
    Path dir;

    private static CliRun iris(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("marglik", "--dataset", "iris", "--standardize", "--model", "mlp:8-3:tanh",
                "--burn-in", "1", "--marglik-frequency", "1", "--hyper-steps", "2", "--batch-size", "20",
                "--train-batch-size", "16", "--lr", "0.01", "--out", out.toString(), "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static Map<?, ?> summary(Path run) throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")));
    }

    @Test
    void aFloat32RunTrainsRecordsItsDtypeAndSavesFloat32Parameters() throws IOException {
        Path f32 = dir.resolve("f32");
        Path f64 = dir.resolve("f64");
        CliRun r = iris(f32, "--epochs", "4", "--dtype", "float32");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(0, iris(f64, "--epochs", "4").exit());
        Map<?, ?> s32 = summary(f32);
        Map<?, ?> s64 = summary(f64);
        assertEquals("completed", s32.get("status"));
        assertEquals("float32", ((Map<?, ?>) s32.get("config")).get("dtype"));
        assertEquals("float64", ((Map<?, ?>) s64.get("config")).get("dtype"), "float64 is the default");
        double acc32 = ((Number) s32.get("test_accuracy")).doubleValue();
        double acc64 = ((Number) s64.get("test_accuracy")).doubleValue();
        assertTrue(acc32 > 0.6, "iris after 4 float32 epochs: " + acc32);
        assertEquals(acc64, acc32, 0.1, "the two dtypes train alike");
        assertTrue(Double.isFinite(((Number) s32.get("log_marglik")).doubleValue()));
        Sequential net = ModelIO.load(f32.resolve("model.json"), f32.resolve("model.safetensors"));
        for (Parameter p : net.parameters()) {
            for (double v : p.value().toArray()) {
                assertEquals(v, (double) (float) v, 0.0, p.name() + " holds float32 values");
            }
        }
    }

    @Test
    void aFloat32RunExtendedFromItsCheckpointIsTheLongerRunBitwise() throws IOException {
        Path straight = dir.resolve("straight");
        Path shorter = dir.resolve("shorter");
        assertEquals(0, iris(straight, "--epochs", "5", "--schedule", "constant", "--dtype", "float32").exit());
        assertEquals(0, iris(shorter, "--epochs", "3", "--schedule", "constant", "--dtype", "float32").exit());
        CliRun r = CliRun.of("marglik", "--resume", shorter.toString(), "--epochs", "5", "--quiet");
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(Files.readAllBytes(straight.resolve("model.safetensors")),
                Files.readAllBytes(shorter.resolve("model.safetensors")), "the Adam state crossed the checkpoint exactly");
        assertEquals(summary(straight).get("log_marglik"), summary(shorter).get("log_marglik"));
    }

    @Test
    void float32OverflowStopsTheRunNamingEpochStepAndTensorAndKeepsTheCompleteEpochs() throws IOException {
        Path out = dir.resolve("o");
        CliRun r = CliRun.of("marglik", "--dataset", "sine", "--optimizer", "sgd", "--lr", "1e3", "--epochs", "20",
                "--dtype", "float32", "--quiet", "--out", out.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("float32 overflow or NaN at epoch 2, step "), r.err());
        assertTrue(r.err().contains(": gradient of layer 0 weight (0.weight of Linear(1, 32"), r.err());
        assertTrue(r.err().contains("the run was stopped as interrupted and its 1 complete epoch(s) kept in " + out), r.err());
        assertEquals("interrupted", summary(out).get("status"));
        assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).size(), "header + the one complete epoch");
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
    }

    @Test
    void anUnknownDtypeExitsTwoNamingTheOptionAndWritesNothing() {
        Path out = dir.resolve("bad");
        CliRun r = iris(out, "--epochs", "2", "--dtype", "float16");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--dtype 'float16' is not one of float32, float64"), r.err());
        assertFalse(Files.exists(out));
        CliRun inv = CliRun.of("marglik", "--dataset", "digits", "--invariance", "rotation", "--dtype", "float32",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertEquals(2, inv.exit(), inv.toString());
        assertTrue(inv.err().contains("--dtype float32"), inv.err());
        assertFalse(Files.exists(out));
    }
}
