package org.jlaplace.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.cli.Main;
import org.jlaplace.bench.data.SineDataset;
import org.jlaplace.bench.report.Json;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-module: the real command line ({@link Main}, in process) against the library API. A model
 * trained and saved by {@code jlaplace marglik} is read back by {@link ModelIO}; its evidence from
 * {@code jlaplace evidence} must equal the laplace module's exact value on the same data, and the
 * noise learned on the synthetic sine set must be close to the noise that generated it.
 */
class CommandLineIntegrationTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static double num(Map<?, ?> o, String key) {
        return ((Number) o.get(key)).doubleValue();
    }

    /** A small regression CSV: y = x₀·x₁ + sin(3x₀) on a deterministic grid, 25 rows. */
    private Path regressionCsv(double[] x, double[] y) throws IOException {
        StringBuilder sb = new StringBuilder("x0,x1,y\n");
        for (int i = 0; i < y.length; i++) {
            x[2 * i] = (i % 5) / 2.0 - 1.0;
            x[2 * i + 1] = (i / 5) / 2.0 - 1.0;
            y[i] = x[2 * i] * x[2 * i + 1] + Math.sin(3 * x[2 * i]);
            sb.append(x[2 * i]).append(',').append(x[2 * i + 1]).append(',').append(y[i]).append('\n');
        }
        Path csv = dir.resolve("reg.csv");
        Files.writeString(csv, sb.toString());
        return csv;
    }

    @Test
    void modelTrainedByMarglikHasTheLibrarysExactEvidenceThroughTheEvidenceCommand() throws IOException {
        double[] x = new double[50];
        double[] y = new double[25];
        Path csv = regressionCsv(x, y);
        Path run = dir.resolve("run");
        Run train = cli("marglik", "--data", csv.toString(), "--likelihood", "regression", "--model", "mlp:8-1:tanh",
                "--test-fraction", "0.2", "--epochs", "6", "--burn-in", "2", "--marglik-frequency", "2", "--hyper-steps", "2",
                "--batch-size", "10", "--out", run.toString(), "--quiet");
        assertEquals(0, train.exit(), train.err());

        Sequential net = ModelIO.load(run.resolve("model.json"), run.resolve("model.safetensors"));
        double delta = 0.8;
        double sigma = 0.35;
        Run ev = cli("evidence", "--model", run.resolve("model.json").toString(), "--weights",
                run.resolve("model.safetensors").toString(), "--data", csv.toString(), "--likelihood", "regression",
                "--prior-precision", Double.toString(delta), "--sigma", Double.toString(sigma), "--estimator", "exact", "--json");
        assertEquals(0, ev.exit(), ev.err());
        Map<?, ?> o = (Map<?, ?>) Json.parse(ev.out());

        NetworkModel model = NetworkModel.of(net, Tensor.of(x, 25, 2));
        BoundValue want = Laplace.marginalLikelihood(model, y, new GaussianLikelihood(1, sigma, 1.0), Prior.scalar(delta),
                "exact").partitionBound(Partition.contiguous(25, 25));
        assertEquals(want.logMarglik(), num(o, "log_marglik"), 1e-9 * (1 + Math.abs(want.logMarglik())));
        assertEquals(want.logDetRatio(), num(o, "log_det_ratio"), 1e-9 * (1 + Math.abs(want.logDetRatio())));
        assertEquals(net.numParameters(), num(o, "parameters"));
    }

    @Test
    void marglikOnSineLearnsTheNoiseWithinTwentyPercent() throws IOException {
        Path run = dir.resolve("sine");
        List<String> args = new ArrayList<>(List.of("marglik", "--dataset", "sine", "--standardize", "--model", "mlp:50-1:tanh",
                "--epochs", "150", "--lr", "0.02", "--train-batch-size", "32", "--burn-in", "10", "--marglik-frequency", "5",
                "--hyper-steps", "20", "--batch-size", "60", "--out", run.toString(), "--quiet", "--json"));
        Run r = cli(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        Map<?, ?> s = (Map<?, ?>) Json.parse(r.out());
        double sigma = num(s, "sigma");
        assertTrue(Math.abs(sigma - SineDataset.DEFAULT_NOISE) <= 0.2 * SineDataset.DEFAULT_NOISE,
                "learned σ " + sigma + " vs true " + SineDataset.DEFAULT_NOISE);
    }
}
