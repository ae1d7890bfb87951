package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void derivativesMatchCentralDifferences() {
        qt().withExamples(400).forAll(integers().between(0, 7), doubles().between(-8, 8)).checkAssert((a, x) -> {
            Activation act = NaiveNetwork.allActivations().get(a);
            if (Math.abs(x) < 1e-4) {
                return; // kink of relu / leaky_relu / selu''
            }
            double h = 1e-6;
            double d = (act.apply(x + h) - act.apply(x - h)) / (2 * h);
            assertEquals(d, act.derivative(x), 1e-7 * (1 + Math.abs(d)), act + " at " + x);
        });
    }

    @Test
    void valuesMatchTextbookDefinitions() {
        qt().withExamples(400).forAll(integers().between(0, 7), doubles().between(-15, 15)).checkAssert((a, x) -> {
            Activation act = NaiveNetwork.allActivations().get(a);
            double expected = NaiveNetwork.reference(act, x);
            assertEquals(expected, act.apply(x), 1e-13 * (1 + Math.abs(expected)), act + " at " + x);
        });
    }

    @Test
    void normalCdfKeepsItsDigitsInTheLeftTail() {
        // tail where 1 − erf has no digits left: Φ(−10) = 7.619853024160527e-24 (tables of the normal law)
        assertEquals(7.619853024160527e-24, Activation.gelu().apply(-10) / -10, 1e-36);
        assertEquals(-10 * 7.619853024160527e-24, Activation.gelu().apply(-10), 1e-35);
        // and so does its derivative Φ(x) + x φ(x): at −10, 7.6199e-24 − 10·7.6946e-23
        double phi = Math.exp(-50) / Math.sqrt(2 * Math.PI);
        assertEquals(7.619853024160527e-24 - 10 * phi, Activation.gelu().derivative(-10), 1e-34);
    }

    @Test
    void extremeInputsStayFinite() {
        for (Activation act : NaiveNetwork.allActivations()) {
            for (double x : new double[] {-1000, -50, 50, 1000}) {
                assertTrue(Double.isFinite(act.apply(x)) && Double.isFinite(act.derivative(x)), act + " at " + x);
            }
        }
        assertEquals(1000.0, Activation.softplus().apply(1000), 0.0);
        assertEquals(0.0, Activation.sigmoid().apply(-1000), 0.0);
    }

    @Test
    void namesRoundTripAndUnknownNamesAreRejected() {
        for (Activation.Kind k : Activation.Kind.values()) {
            assertEquals(k, Activation.of(k.typeName()).kind());
        }
        assertEquals(0.01, Activation.of("leaky_relu").negativeSlope());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.of("swish"));
        assertTrue(e.getMessage().contains("swish"));
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(Double.NaN));
    }
}
