package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background JIT warm-up: when it starts, that its work runs, and that it cannot change a run's results. */
class WarmupTest {
    @TempDir
    Path dir;

    @Test
    void startsOnlyForComputeCommandsWithoutHelpAndWhenNotSwitchedOff() {
        assertTrue(Warmup.wanted(new String[] {"marglik"}, "true"));
        assertTrue(Warmup.wanted(new String[] {"evidence", "--model-dir", "x"}, null));
        assertTrue(Warmup.wanted(new String[] {"bounds"}, "TRUE"));
        assertFalse(Warmup.wanted(new String[] {}, "true"));
        assertFalse(Warmup.wanted(new String[] {"--help"}, "true"));
        assertFalse(Warmup.wanted(new String[] {"marglik", "--help"}, "true"));
        assertFalse(Warmup.wanted(new String[] {"marglik", "-h"}, "true"));
        assertFalse(Warmup.wanted(new String[] {"marglik"}, "false"));
        assertFalse(Warmup.wanted(new String[] {"unknown"}, "true"));
    }

    /** {@code runQuietly} swallows failures, so this is what notices a warm-up that broke. */
    @Test
    void warmupWorkRunsWithoutFailure() {
        Warmup.run(false);
        Warmup.run(true);
    }

    @Test
    void warmsTheFloat32PathOnlyWhenTheRunAsksForIt() {
        assertTrue(Warmup.float32(new String[] {"marglik", "--dtype", "float32"}));
        assertTrue(Warmup.float32(new String[] {"marglik", "--dtype=float32", "--epochs", "2"}));
        assertFalse(Warmup.float32(new String[] {"marglik"}));
        assertFalse(Warmup.float32(new String[] {"marglik", "--dtype", "float64"}));
        assertFalse(Warmup.float32(new String[] {"marglik", "--dtype"}));
    }

    /**
     * The same run with the warm-up working concurrently on the shared kernels and thread pool
     * gives bit-identical results: it shares no mutable state with the run.
     */
    @Test
    void concurrentWarmupLeavesTheResultsUnchanged() throws Exception {
        JsonNode alone = run("alone");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread warm = new Thread(() -> {
            try {
                Warmup.run(false);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        warm.start();
        JsonNode withWarmup = run("warm");
        warm.join();
        assertEquals(null, failure.get());
        for (String field : new String[] {"test_accuracy", "test_log_likelihood", "log_marglik", "test_log_likelihood_laplace"}) {
            assertEquals(alone.get(field).asDouble(), withWarmup.get(field).asDouble(), 0.0, field);
        }
        assertEquals(alone.get("prior_precision"), withWarmup.get("prior_precision"));
    }

    private JsonNode run(String name) throws Exception {
        CliRun r = CliRun.of("marglik", "--epochs", "4", "--burn-in", "1", "--marglik-frequency", "1", "--hyper-steps", "2",
                "--quiet", "--json", "--out", dir.resolve(name).toString());
        assertEquals(0, r.exit(), r.toString());
        return new ObjectMapper().readTree(r.out());
    }
}
