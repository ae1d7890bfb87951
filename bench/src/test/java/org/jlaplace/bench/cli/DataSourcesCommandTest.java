package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jlaplace.bench.data.CifarLoader;
import org.jlaplace.bench.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX and CIFAR-10 inputs by path, {@code --subset}, and a given test set, through the command line. */
class DataSourcesCommandTest {
    @TempDir
    Path dir;

    private CliRun marglik(Path out, String... data) {
        List<String> args = new ArrayList<>(List.of("marglik", "--epochs", "2", "--burn-in", "1", "--marglik-frequency", "1",
                "--hyper-steps", "1", "--batch-size", "10", "--scale", "0.00392", "--out", out.toString(), "--quiet"));
        args.addAll(List.of(data));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static Map<?, ?> config(Path out) throws IOException {
        return (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(out.resolve("summary.json")))).get("config");
    }

    private static void badInput(CliRun r, String... needles) {
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.toString());
        for (String n : needles) {
            assertTrue(r.err().contains(n), "stderr lacks '" + n + "': " + r);
        }
    }

    @Test
    void givenTestSetAndBalancedSubsetReplaceTheRandomSplit() throws IOException {
        Path[] train = SyntheticIdx.write(dir, "train", 60, 8, 3, 1, true);
        Path[] test = SyntheticIdx.write(dir, "test", 21, 8, 3, 2, false);
        Path out = dir.resolve("run");
        CliRun r = marglik(out, "--images", train[0].toString(), "--labels", train[1].toString(), "--test-images",
                test[0].toString(), "--test-labels", test[1].toString(), "--subset", "30", "--model", "cnn:4:3");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(30, ((Number) config(out).get("n_train")).intValue());
        assertEquals(21, ((Number) config(out).get("n_test")).intValue());

        Path plain = dir.resolve("plain");
        assertEquals(0, marglik(plain, "--images", train[0].toString(), "--labels", train[1].toString(),
                "--model", "mlp:8-3").exit());
        assertEquals(48, ((Number) config(plain).get("n_train")).intValue(), "80/20 split of 60 without a test set");
    }

    @Test
    void badSubsetsAndTestSetsExitTwoNamingTheProblem() throws IOException {
        Path[] train = SyntheticIdx.write(dir, "train", 40, 8, 2, 1, false);
        Path[] mismatched = SyntheticIdx.write(dir, "mis", 12, 11, 8, 2, 3, false);
        Path[] small = SyntheticIdx.write(dir, "small", 12, 6, 2, 3, false);
        String[] data = {"--images", train[0].toString(), "--labels", train[1].toString(), "--model", "mlp:4-2"};
        badInput(marglik(dir.resolve("a"), concat(data, "--subset", "33")), "--subset 33", "larger than the 32 training examples");
        badInput(marglik(dir.resolve("b"), concat(data, "--subset", "0")), "--subset 0");
        badInput(marglik(dir.resolve("c"), concat(data, "--test-images", mismatched[0].toString(), "--test-labels",
                mismatched[1].toString())), mismatched[1].toString(), "11 labels", "12 images");
        badInput(marglik(dir.resolve("d"), concat(data, "--test-images", small[0].toString(), "--test-labels",
                small[1].toString())), "test inputs have shape [1, 6, 6]");
        badInput(marglik(dir.resolve("e"), concat(data, "--test-images", small[0].toString())), "--test-images needs --test-labels");
        badInput(CliRun.of("evidence", "--images", train[0].toString(), "--labels", train[1].toString(), "--test-images",
                small[0].toString(), "--test-labels", small[1].toString(), "--model", "mlp:4-2", "--estimator", "exact",
                "--prior-precision", "1"), "does not use");
        for (String d : new String[] {"a", "b", "c", "d", "e"}) {
            assertFalse(Files.exists(dir.resolve(d)), "nothing is written on bad input: " + d);
        }
    }

    @Test
    void cifarFilesTrainAndAreCheckedRecordByRecord() throws IOException {
        Path batches = Files.createDirectory(dir.resolve("cifar"));
        byte[] records = new byte[30 * CifarLoader.RECORD_BYTES];
        for (int i = 0; i < 30; i++) {
            records[i * CifarLoader.RECORD_BYTES] = (byte) (i % 10);
            for (int j = 1; j < CifarLoader.RECORD_BYTES; j++) {
                records[i * CifarLoader.RECORD_BYTES + j] = (byte) ((i % 10) * 20 + j % 7);
            }
        }
        Files.write(batches.resolve("data_batch_1.bin"), records);
        Files.write(batches.resolve("data_batch_2.bin"), records);
        Path testFile = Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(records, 10 * CifarLoader.RECORD_BYTES));
        Path out = dir.resolve("run");
        CliRun r = marglik(out, "--cifar", batches.toString(), "--test-cifar", testFile.toString(), "--model", "cnn:2:10",
                "--laplace-predictive", "off");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(60, ((Number) config(out).get("n_train")).intValue());
        assertEquals(10, ((Number) config(out).get("n_test")).intValue());

        Path cut = Files.write(dir.resolve("data_batch_9.bin"), Arrays.copyOf(records, 5 * CifarLoader.RECORD_BYTES + 17));
        badInput(marglik(dir.resolve("bad"), "--cifar", cut.toString(), "--model", "mlp:4-10"), cut.toString(),
                "truncated record 6 at byte offset " + 5 * CifarLoader.RECORD_BYTES);
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
