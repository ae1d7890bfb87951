package org.jlaplace.tests.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link EmbeddingExample} on a PyTorch-format export and checks what it prints against the
 * library's separate pieces.
 */
class EmbeddingExampleTest {
    @TempDir
    Path dir;

    @Test
    void theExampleRunsAndPrintsTheEvidenceAndPredictive() throws IOException {
        PyTorchExportFixture.write(dir);
        String out = run(dir);
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);

        // The export is read as written: the loaded network is the trained one to float32 precision.
        Sequential net = ModelIO.load(dir.resolve("model.json"), dir.resolve("model.safetensors"));
        List<double[]> rows = Files.readAllLines(dir.resolve("train.csv")).stream().skip(1)
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        Tensor x = Tensor.of(rows.stream().flatMapToDouble(r -> Arrays.stream(r, 0, 2)).toArray(), rows.size(), 2);
        double[] y = rows.stream().mapToDouble(r -> r[2]).toArray();
        Sequential trained = PyTorchExportFixture.train(x, Arrays.stream(y).mapToInt(v -> (int) v).toArray());
        assertArrayEquals(trained.forward(x).toArray(), net.forward(x).toArray(), 1e-4);
        long correct = 0;
        double[] f = net.forward(x).toArray();
        for (int i = 0; i < y.length; i++) {
            int arg = 0;
            for (int k = 1; k < 3; k++) {
                arg = f[i * 3 + k] > f[i * 3 + arg] ? k : arg;
            }
            correct += arg == (int) y[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.8 * y.length, "the exported classifier fits its data: " + correct);

        // Evidence at δ = 1 is the KFAC estimator on all data, through the separate factory.
        CategoricalLikelihood lik = new CategoricalLikelihood(3);
        NetworkModel model = NetworkModel.of(net, x);
        double before = number(lines.get(0), 2);
        assertEquals(Laplace.marginalLikelihood(model, y, lik, Prior.scalar(1.0), "kron").wholeData().logMarglik(),
                before, 1e-4);
        // The optimised prior beats every point of a grid of precisions.
        double after = number(lines.get(1), 2);
        double delta = number(lines.get(1), 6);
        assertTrue(after >= before, lines.get(1));
        double gridBest = Double.NEGATIVE_INFINITY;
        for (double l = -6; l <= 6; l += 0.05) {
            gridBest = Math.max(gridBest, Laplace.marginalLikelihood(model, y, lik, Prior.scalar(Math.exp(l)), "kron")
                    .wholeData().logMarglik());
        }
        assertTrue(after >= gridBest - 1e-4, after + " < grid best " + gridBest);
        assertEquals(after, Laplace.marginalLikelihood(model, y, lik, Prior.scalar(delta), "kron").wholeData()
                .logMarglik(), 1e-3);

        // Predictive probabilities: distributions; MAP is the softmax of the network; far from the
        // data the Laplace predictive is less confident than the MAP.
        double[] laplace = array(lines.get(2));
        double[] map = array(lines.get(3));
        assertEquals(6, laplace.length);
        Tensor xNew = Tensor.of(new double[] {0.0, 0.0, 8.0, -8.0}, 2, 2);
        assertArrayEquals(CategoricalLikelihood.softmax(net.forward(xNew).toArray(), 2, 3), map, 1e-12);
        for (int n = 0; n < 2; n++) {
            assertEquals(1.0, laplace[3 * n] + laplace[3 * n + 1] + laplace[3 * n + 2], 1e-12);
        }
        double maxLaplace = Math.max(laplace[3], Math.max(laplace[4], laplace[5]));
        double maxMap = Math.max(map[3], Math.max(map[4], map[5]));
        assertTrue(maxLaplace < maxMap, "far input: Laplace " + maxLaplace + " vs MAP " + maxMap);
    }

    private static String run(Path dir) throws IOException {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            EmbeddingExample.main(new String[] {dir.toString()});
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        saved.print(out);
        return out;
    }

    private static double number(String line, int word) {
        // printf follows the default locale: accept a decimal comma too.
        return Double.parseDouble(line.trim().split("\\s+")[word].replace(',', '.'));
    }

    private static double[] array(String line) {
        String inner = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
        return Arrays.stream(inner.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }
}
