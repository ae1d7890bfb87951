package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.jlaplace.autodiff.io.DType;
import org.jlaplace.autodiff.io.ModelIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input exits with status 2 and a message naming the option, file, line or column; nothing is printed on stdout. */
class OptionValidationTest {
    @TempDir
    Path dir;
    Path csv;
    Path json;
    Path weights;

    @BeforeEach
    void writeFiles() throws IOException {
        csv = dir.resolve("d.csv");
        Files.writeString(csv, "a,b,label\n0.1,0.2,0\n0.3,0.4,1\n0.5,0.6,1\n");
        json = dir.resolve("m.json");
        weights = dir.resolve("m.safetensors");
        ModelIO.save(ArchitectureSpec.build("mlp:3-2", new int[] {2}, 2, 0), json, weights, DType.F64);
    }

    private CliRun evidence(String... extra) {
        List<String> args = new ArrayList<>(List.of("evidence", "--model", json.toString(), "--weights", weights.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static void badInput(CliRun r, String... fragments) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals("", r.out(), "nothing on stdout for bad input");
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "stderr should contain '" + f + "':\n" + r.err());
        }
    }

    @Test
    void optionValuesAreChecked() {
        String d = csv.toString();
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "exact", "--prior-precision", "-1"),
                "--prior-precision -1.0");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "nope", "--prior-precision", "1"),
                "--estimator 'nope'");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "kernel", "--prior-precision", "1",
                "--batch-size", "0"), "--batch-size 0");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "kernel", "--prior-precision", "1",
                "--partition", "sideways"), "--partition 'sideways'");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "kernel"), "--prior-precision D is required");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "kernel", "--prior-precision", "1",
                "--sigma", "0.5"), "--sigma applies to regression only");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "kernel",
                "--prior-structure", "layerwise", "--prior-precisions", "1,2"), "--prior-precisions: 2 values", "0.weight, 0.bias, 2.weight, 2.bias");
        badInput(evidence("--data", d, "--likelihood", "sometimes", "--estimator", "kernel", "--prior-precision", "1"),
                "--likelihood");
        badInput(evidence("--data", d, "--estimator", "kernel", "--prior-precision", "1"), "--likelihood classification|regression is required");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "exact", "--prior-precision", "1",
                "--temperature", "0"), "--temperature 0.0");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "exact", "--prior-precision", "1",
                "--prior-structure", "blocky"), "--prior-structure 'blocky'");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "exact", "--prior-precision", "abc"),
                "--prior-precision");
        badInput(evidence("--data", d, "--likelihood", "classification", "--estimator", "exact", "--prior-precision", "1",
                "--no-such-option"), "--no-such-option");
        badInput(evidence("--images", d, "--estimator", "exact", "--prior-precision", "1"), "--images needs --labels");
        badInput(evidence("--data", d, "--dataset", "iris", "--estimator", "exact", "--prior-precision", "1"), "only one of");
    }

    @Test
    void fileProblemsNameTheFileAndPosition() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b,label\n0.1,0.2,0\n0.3,oops,1\n");
        badInput(evidence("--data", bad.toString(), "--likelihood", "classification", "--estimator", "exact",
                "--prior-precision", "1"), "bad.csv:3:2: 'oops' in column 'b' is not a number");
        Path big = dir.resolve("label.csv");
        Files.writeString(big, "a,b,label\n0.1,0.2,0\n0.3,0.1,2\n");
        badInput(evidence("--data", big.toString(), "--likelihood", "classification", "--estimator", "exact",
                "--prior-precision", "1"), "label.csv:3:3: label 2", "2 outputs");
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "a,b,c,label\n0.1,0.2,0.3,0\n");
        badInput(evidence("--data", wide.toString(), "--likelihood", "classification", "--estimator", "exact",
                "--prior-precision", "1"), "wide.csv", "3 features", "[2]");
        badInput(evidence("--data", dir.resolve("missing.csv").toString(), "--likelihood", "classification",
                "--estimator", "exact", "--prior-precision", "1"), "missing.csv: no such file");
        Files.writeString(dir.resolve("broken.json"), "{\"input_shape\": [2], \"layers\": [ {\"type\": \"linear\"");
        badInput(CliRun.of("evidence", "--model", dir.resolve("broken.json").toString(), "--weights", weights.toString(),
                "--data", csv.toString(), "--likelihood", "classification", "--estimator", "exact", "--prior-precision", "1"),
                "broken.json");
        badInput(evidence("--model", "mlp:3-5", "--data", csv.toString(), "--likelihood", "classification",
                "--estimator", "exact", "--prior-precision", "1"), "--model mlp:3-5");
    }

    @Test
    void noSubcommandPrintsUsageWithStatus2() {
        CliRun r = CliRun.of();
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("marglik") || r.err().contains("evidence"), r.err());
        assertEquals(0, CliRun.of("--help").exit());
    }
}
