package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlaplace.autodiff.optim.NonFiniteGradientException;
import org.jlaplace.bench.memory.InsufficientMemoryException;
import org.jlaplace.bench.report.OutputConflictException;
import org.jlaplace.laplace.NotPositiveDefiniteError;
import org.junit.jupiter.api.Test;

/** What the user sees for each kind of failure: exit status, first line, and whether a trace follows. */
class FailuresTest {
    @Test
    void outOfMemoryIsAMessageWithAdviceAndStatus1() {
        Failures.Report r = Failures.of(new OutOfMemoryError("Java heap space"), "evidence");
        assertEquals(ExitCodes.INTERNAL, r.exit());
        assertFalse(r.stackTrace());
        assertTrue(r.message().startsWith("jlaplace evidence: out of memory"), r.message());
        for (String advice : new String[] {"--batch-size", "--estimator", "--laplace-predictive", "JLAPLACE_JAVA_OPTS=-Xmx"}) {
            assertTrue(r.message().contains(advice), r.message());
        }
    }

    @Test
    void aFullDiskSaysSoOnTheFirstLine() throws IOException {
        IOException full;
        Path devFull = Path.of("/dev/full");
        if (Files.exists(devFull)) {
            try (OutputStream o = Files.newOutputStream(devFull)) {
                o.write(new byte[1]);
                o.flush();
                throw new AssertionError("writing /dev/full succeeded");
            } catch (IOException e) {
                full = e;
            }
        } else {
            full = new IOException("No space left on device");
        }
        Failures.Report r = Failures.of(new UncheckedIOException("writing run/summary.json", full), "marglik");
        assertEquals(ExitCodes.INTERNAL, r.exit());
        assertFalse(r.stackTrace());
        assertTrue(r.message().startsWith("jlaplace marglik: No space left on device"), r.message());
    }

    @Test
    void numericalFailuresAreStatus2WithTheirCauses() {
        Failures.Report pd = Failures.of(new RuntimeException(new NotPositiveDefiniteError("kernel bound: I + G", 3, Double.NaN)), "bounds");
        assertEquals(ExitCodes.BAD_INPUT, pd.exit());
        assertTrue(pd.message().contains("numerical failure: kernel bound: I + G"), pd.message());
        assertTrue(pd.message().contains("likely causes"), pd.message());
        Failures.Report grad = Failures.of(new NonFiniteGradientException("Adam.step: gradient 0 holds NaN at flat index 0"), "marglik");
        assertEquals(ExitCodes.BAD_INPUT, grad.exit());
        assertTrue(grad.message().contains("Adam.step"), grad.message());
        Failures.Report checked = Failures.of(new NumericalFailureException("evidence: input 1e300 at a.csv:2:1"), "evidence");
        assertEquals("jlaplace evidence: numerical failure: evidence: input 1e300 at a.csv:2:1", checked.message());
    }

    @Test
    void refusalsAndConflictsAreBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, Failures.of(new InsufficientMemoryException("needs 3 GB"), "evidence").exit());
        Failures.Report c = Failures.of(new OutputConflictException("--out x: was created by another run"), "marglik");
        assertEquals(ExitCodes.BAD_INPUT, c.exit());
        assertFalse(c.stackTrace());
    }

    @Test
    void anythingElseIsAnInternalErrorWithItsTrace() {
        Failures.Report r = Failures.of(new IllegalStateException("bug"), "evidence");
        assertEquals(ExitCodes.INTERNAL, r.exit());
        assertTrue(r.stackTrace());
        assertTrue(r.message().contains("internal error"), r.message());
    }
}
