package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jlaplace.bench.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marglik --link probit|mc|bridge --mc-samples S}: the class probabilities of the reported Laplace predictive. */
class PredictiveLinkCommandTest {
    @TempDir
    Path dir;

    private Map<?, ?> summary(String name, String... extra) throws IOException {
        Path out = dir.resolve(name);
        CliRun r = marglik(out, extra);
        assertEquals(0, r.exit(), r.toString());
        return (Map<?, ?>) Json.parse(Files.readString(out.resolve("summary.json")));
    }

    private CliRun marglik(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("marglik", "--dataset", "iris", "--standardize",
                "--model", "mlp:8-3:tanh", "--epochs", "3", "--burn-in", "1", "--marglik-frequency", "1",
                "--hyper-steps", "2", "--batch-size", "20", "--train-batch-size", "16", "--lr", "0.01",
                "--out", out.toString(), "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static double laplaceLl(Map<?, ?> s) {
        return ((Number) s.get("test_log_likelihood_laplace")).doubleValue();
    }

    @Test
    void probitIsTheDefaultAndItsValueIsUnchanged() throws IOException {
        Map<?, ?> plain = summary("plain");
        Map<?, ?> probit = summary("probit", "--link", "probit");
        assertEquals(laplaceLl(plain), laplaceLl(probit), 0.0);
        assertEquals("probit", ((Map<?, ?>) probit.get("config")).get("link"));
    }

    /**
     * Monte Carlo is reproducible from --seed and converges: two independent runs with many
     * samples agree closely; the bridge gives another finite value; the config records the link.
     */
    @Test
    void monteCarloIsSeededAndConvergesAndBridgeRuns() throws IOException {
        Map<?, ?> a = summary("mc-a", "--link", "mc", "--mc-samples", "3000");
        Map<?, ?> again = summary("mc-again", "--link", "mc", "--mc-samples", "3000");
        assertEquals(laplaceLl(a), laplaceLl(again), 0.0, "same seed, same draws");
        Map<?, ?> more = summary("mc-more", "--link", "MC", "--mc-samples", "6000");
        assertNotEquals(laplaceLl(a), laplaceLl(more));
        assertEquals(laplaceLl(a), laplaceLl(more), 0.01, "Monte Carlo estimates of one expectation");
        Map<?, ?> config = (Map<?, ?>) a.get("config");
        assertEquals("mc", config.get("link"));
        assertEquals(3000, ((Number) config.get("mc_samples")).intValue());
        Map<?, ?> bridge = summary("bridge", "--link", "bridge");
        double b = laplaceLl(bridge);
        assertTrue(b < 0 && Double.isFinite(b), "bridge: " + b);
        assertNotEquals(laplaceLl(summary("probit")), b);
    }

    @Test
    void badLinkOptionsExitTwoNamingTheOption() {
        String[][] cases = {
            {"--link", "logit"}, {"--link 'logit' is not one of probit, mc, bridge"},
            {"--link", "mc", "--mc-samples", "0"}, {"--mc-samples 0: must be at least 1"},
            {"--mc-samples", "10"}, {"--mc-samples applies to --link mc only"},
            {"--link", "bridge", "--laplace-predictive", "off"}, {"--laplace-predictive off"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            CliRun r = marglik(dir.resolve("bad" + i), cases[i]);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains(cases[i + 1][0]), r.err());
            assertTrue(!Files.exists(dir.resolve("bad" + i)), "nothing written for bad input");
        }
    }
}
