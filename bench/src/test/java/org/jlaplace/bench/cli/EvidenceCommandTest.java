package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.CsvLoader;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.jlaplace.autodiff.io.DType;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.bench.model.FlatInputs;
import org.jlaplace.bench.report.Json;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.LikelihoodKind;
import org.jlaplace.laplace.prior.PriorStructure;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: {@code jlaplace evidence} through {@link Main} on small files written here. */
class EvidenceCommandTest {
    @TempDir
    Path dir;
    Path csv;
    Path json;
    Path weights;
    Sequential net;

    /** 40 rows of 3 features with 3 classes, a deterministic pattern; an mlp:6-3 at its initialisation. */
    @BeforeEach
    void writeFiles() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 40; i++) {
            sb.append(Math.sin(i)).append(',').append(Math.cos(0.7 * i)).append(',').append((i % 7) / 7.0)
                    .append(',').append(i % 3).append('\n');
        }
        csv = dir.resolve("data.csv");
        Files.writeString(csv, sb.toString());
        net = ArchitectureSpec.build("mlp:6-3:tanh", new int[] {3}, 3, 3);
        json = dir.resolve("model.json");
        weights = dir.resolve("model.safetensors");
        ModelIO.save(net, json, weights, DType.F64);
    }

    private CliRun evidence(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("evidence", "--model", json.toString(), "--weights",
                weights.toString(), "--data", csv.toString(), "--likelihood", "classification"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static Map<?, ?> parse(CliRun r) {
        assertEquals(0, r.exit(), r.toString());
        return (Map<?, ?>) Json.parse(r.out().trim());
    }

    private static double num(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void jsonHasExactlyTheDocumentedKeysAndTheLibraryNumbers() throws IOException {
        Map<?, ?> o = parse(evidence("--prior-precision", "2.5", "--estimator", "kernel", "--batch-size", "16",
                "--gradients", "--json"));
        assertEquals(List.of("estimator", "n", "outputs", "parameters", "batch_size", "log_marglik", "log_likelihood",
                "log_prior", "log_det_ratio", "grad_log_prior_precision", "grad_log_sigma", "seconds"),
                List.copyOf(o.keySet()));
        Dataset d = CsvLoader.load(csv, Task.CLASSIFICATION, 1);
        double[] y = new double[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.label(i);
        }
        BoundValue want = Laplace.marginalLikelihood(FlatInputs.linearized(net, d.flatInputs(), d.size()), y,
                new CategoricalLikelihood(3), Prior.scalar(2.5), "kernel").partitionBound(Partition.contiguous(40, 16));
        assertEquals("kernel", o.get("estimator"));
        assertEquals(40, num(o, "n"));
        assertEquals(3, num(o, "outputs"));
        assertEquals(net.numParameters(), num(o, "parameters"));
        assertEquals(16, num(o, "batch_size"));
        assertEquals(want.logMarglik(), num(o, "log_marglik"), 1e-9 * Math.abs(want.logMarglik()));
        assertEquals(want.logLikelihood(), num(o, "log_likelihood"), 1e-9 * Math.abs(want.logLikelihood()));
        assertEquals(want.logPrior(), num(o, "log_prior"), 1e-9 * Math.abs(want.logPrior()));
        assertEquals(want.logDetRatio(), num(o, "log_det_ratio"), 1e-9 * Math.abs(want.logDetRatio()));
        assertEquals(num(o, "log_likelihood") + num(o, "log_prior") - 0.5 * num(o, "log_det_ratio"),
                num(o, "log_marglik"), 1e-9 * Math.abs(want.logMarglik()));
        assertEquals(want.gradLogPrecision()[0], ((Number) ((List<?>) o.get("grad_log_prior_precision")).get(0)).doubleValue(), 1e-9);
        assertEquals(null, o.get("grad_log_sigma"), "classification has no σ");
    }

    @Test
    void withoutGradientsTheGradientKeysAreAbsent() {
        Map<?, ?> o = parse(evidence("--prior-precision", "1", "--estimator", "exact", "--json"));
        assertTrue(!o.containsKey("grad_log_prior_precision") && !o.containsKey("grad_log_sigma"), o.toString());
        assertEquals(40, num(o, "batch_size"));
    }

    @Test
    void exactEqualsTheOneBatchKernelBoundAndBoundsSitBelow() {
        double exact = num(parse(evidence("--prior-precision", "0.7", "--estimator", "exact", "--json")), "log_marglik");
        double kernelAll = num(parse(evidence("--prior-precision", "0.7", "--estimator", "kernel", "--json")), "log_marglik");
        assertEquals(exact, kernelAll, 1e-8 * Math.abs(exact), "(3.1) parametric = (3.2) function space");
        for (String e : new String[] {"kernel", "outputwise", "parametric", "diag", "blockdiag"}) {
            double b = num(parse(evidence("--prior-precision", "0.7", "--estimator", e, "--batch-size", "8", "--json")),
                    "log_marglik");
            assertTrue(b <= exact + 1e-9 * Math.abs(exact), e + " " + b + " > exact " + exact);
        }
    }

    @Test
    void layerwisePriorsAndStochasticPartitionsRun() {
        Map<?, ?> o = parse(evidence("--prior-structure", "layerwise", "--prior-precisions", "1,2,3,4",
                "--estimator", "kernel", "--batch-size", "10", "--partition", "grouped", "--seed", "3", "--gradients", "--json"));
        assertEquals(4, ((List<?>) o.get("grad_log_prior_precision")).size());
        Map<?, ?> again = parse(evidence("--prior-structure", "layerwise", "--prior-precisions", "1,2,3,4",
                "--estimator", "kernel", "--batch-size", "10", "--partition", "grouped", "--seed", "3", "--json"));
        assertEquals(num(o, "log_marglik"), num(again, "log_marglik"), 0.0, "same seed, same estimate");
        assertEquals(0, evidence("--prior-precision", "1", "--estimator", "kron", "--json").exit());
    }

    /**
     * The command line reads each registered estimator's declarations: every estimator runs with
     * the prior structures it supports and is refused (exit 2, the supported ones named) with the
     * others; a whole-data estimator refuses a batch size; the note on approximations follows
     * {@code isCertifiedBound}.
     */
    @Test
    void everyRegisteredEstimatorIsOfferedAsItsDeclarationsSay() {
        for (BoundEstimator<?> e : Estimators.all()) {
            for (PriorStructure s : PriorStructure.values()) {
                CliRun r = evidence("--prior-structure", s.cliName(), "--prior-precision", "1", "--estimator", e.name(),
                        "--batch-size", "40");
                if (e.supportedPriors().contains(s)) {
                    assertEquals(0, r.exit(), e.name() + " " + s + ": " + r);
                    assertEquals(!e.isCertifiedBound(LikelihoodKind.CATEGORICAL), r.out().contains("not a guaranteed lower bound"),
                            e.name() + ": " + r.out());
                } else {
                    assertEquals(2, r.exit(), r.toString());
                    assertTrue(r.err().contains("--estimator " + e.name() + " supports --prior-structure"), r.err());
                }
            }
            CliRun batched = evidence("--prior-precision", "1", "--estimator", e.name(), "--batch-size", "7");
            assertEquals(e.requiresWholeData() ? 2 : 0, batched.exit(), e.name() + ": " + batched);
        }
    }

    /** The help describes each registered estimator by its declarations. */
    @Test
    void helpDescribesEveryEstimatorFromItsDeclarations() {
        CliRun help = CliRun.of("evidence", "--help");
        assertEquals(0, help.exit(), help.toString());
        String text = help.out().replaceAll("\\s+", " ");
        for (BoundEstimator<?> e : Estimators.all()) {
            assertTrue(text.contains(EstimatorOptions.describe(e)), e.name() + " missing from: " + text);
        }
        assertTrue(text.contains("kron (approximation; scalar or layerwise prior)"), text);
        assertTrue(text.contains("exact (bound, exact on one batch; all data)"), text);
        assertTrue(text.contains("outputwise-diag (bound for regression only)"), text);
    }

    @Test
    void regressionReportsTheSigmaGradientAgainstTheLibrary() throws IOException {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 30; i++) {
            double x = i / 5.0;
            sb.append(x).append(',').append(Math.sin(x) + 0.1 * Math.cos(13 * i)).append('\n');
        }
        Path reg = dir.resolve("reg.csv");
        Files.writeString(reg, sb.toString());
        Sequential r = ArchitectureSpec.build("mlp:5-1:tanh", new int[] {1}, 1, 2);
        ModelIO.save(r, dir.resolve("r.json"), dir.resolve("r.safetensors"), DType.F64);
        Map<?, ?> o = parse(CliRun.of("evidence", "--model", dir.resolve("r.json").toString(), "--weights",
                dir.resolve("r.safetensors").toString(), "--data", reg.toString(), "--likelihood", "regression",
                "--sigma", "0.3", "--prior-precision", "1", "--estimator", "exact", "--gradients", "--json"));
        Dataset d = CsvLoader.load(reg, Task.REGRESSION, 1);
        BoundValue want = Laplace.marginalLikelihood(FlatInputs.linearized(r, d.flatInputs(), d.size()),
                d.flatTargets(), new GaussianLikelihood(1, 0.3), Prior.scalar(1.0), "exact").wholeData();
        assertEquals(want.logMarglik(), num(o, "log_marglik"), 1e-9 * Math.abs(want.logMarglik()));
        assertEquals(want.gradLogSigma(), num(o, "grad_log_sigma"), 1e-9 * (1 + Math.abs(want.gradLogSigma())));
    }

    @Test
    void float32PassesGiveTheFloat64EvidenceAndGradientsTo1e4() {
        for (String batch : List.of("16", "40")) {
            String estimator = "kernel";
            Map<?, ?> f64 = parse(evidence("--prior-precision", "2.5", "--estimator", estimator, "--batch-size",
                    batch, "--gradients", "--json"));
            Map<?, ?> f32 = parse(evidence("--prior-precision", "2.5", "--estimator", estimator, "--batch-size",
                    batch, "--gradients", "--json", "--dtype", "float32"));
            double v64 = num(f64, "log_marglik");
            assertEquals(v64, num(f32, "log_marglik"), 1e-4 * Math.abs(v64), "batch " + batch);
            assertNotEquals(v64, num(f32, "log_marglik"), "the float32 passes ran (float32 weights and rounding)");
            List<?> g64 = (List<?>) f64.get("grad_log_prior_precision");
            List<?> g32 = (List<?>) f32.get("grad_log_prior_precision");
            assertEquals(g64.size(), g32.size());
            double scale = g64.stream().mapToDouble(g -> Math.abs(((Number) g).doubleValue())).max().orElse(0);
            for (int i = 0; i < g64.size(); i++) {
                assertEquals(((Number) g64.get(i)).doubleValue(), ((Number) g32.get(i)).doubleValue(), 1e-4 * scale,
                        "batch " + batch + ", gradient " + i);
            }
        }
    }

    @Test
    void anUnknownDtypeExits2NamingTheOption() {
        CliRun r = evidence("--prior-precision", "2.5", "--dtype", "float16");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--dtype 'float16'"), r.toString());
    }
}
