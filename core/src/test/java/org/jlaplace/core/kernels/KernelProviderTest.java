package org.jlaplace.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The choice between the SIMD and the scalar kernels. */
class KernelProviderTest {

    @Test
    void forcedScalarIsTheScalarTwin() {
        assertSame(KernelProvider.scalar(), KernelProvider.choose("scalar", true));
        assertSame(KernelProvider.scalar(), KernelProvider.choose(" SCALAR ", false));
    }

    @Test
    void withoutTheModuleTheChoiceFallsBackToScalar() {
        assertSame(KernelProvider.scalar(), KernelProvider.choose(null, false));
    }

    @Test
    void theFloatKernelsFollowTheDoubleChoice() {
        assertSame(KernelProvider.scalarFloats(), KernelProvider.chooseFloats(KernelProvider.scalar()));
        if (KernelProvider.get() == KernelProvider.scalar()) {
            assertSame(KernelProvider.scalarFloats(), KernelProvider.floats());
        } else {
            assertTrue(KernelProvider.floats().name().startsWith("simd-f32"), KernelProvider.floats().name());
        }
    }

    @Test
    void withTheModuleTheFloatKernelsAreSimd() {
        assumeTrue(KernelProvider.vectorModulePresent(), "jdk.incubator.vector is not loaded in this JVM");
        FloatKernels floats = KernelProvider.chooseFloats(KernelProvider.choose("simd", true));
        assertTrue(floats.name().startsWith("simd-f32"), floats.name());
    }

    @Test
    void forcedSimdWithoutTheModuleNamesTheFlag() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelProvider.choose("simd", false));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }

    @Test
    void unknownValuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelProvider.choose("avx9000", true));
        assertTrue(e.getMessage().contains("avx9000") && e.getMessage().contains("jlaplace.kernels"), e.getMessage());
    }

    @Test
    void withTheModuleTheDefaultIsSimd() {
        assumeTrue(KernelProvider.vectorModulePresent(), "jdk.incubator.vector is not loaded in this JVM");
        VectorKernels chosen = KernelProvider.choose(null, true);
        assertNotSame(KernelProvider.scalar(), chosen);
        assertTrue(chosen.name().startsWith("simd"), chosen.name());
        assertTrue(KernelProvider.choose("simd", true).name().startsWith("simd"));
    }

    @Test
    void theSystemPropertyDecidesForThisJvm() {
        String forced = System.getProperty(KernelProvider.PROPERTY);
        VectorKernels chosen = KernelProvider.get();
        assertSame(chosen, KernelProvider.get(), "the choice is made once");
        if ("scalar".equals(forced)) {
            assertSame(KernelProvider.scalar(), chosen);
        } else if (forced == null && KernelProvider.vectorModulePresent()) {
            assertTrue(chosen.name().startsWith("simd"), chosen.name());
        }
    }

    /**
     * A JVM started without {@code --add-modules jdk.incubator.vector} must run (on the scalar kernels)
     * and warn exactly once, instead of dying with {@code NoClassDefFoundError}: here with the
     * library on the class path, as the command line's shaded jar runs it.
     */
    @Test
    void aJvmWithoutTheVectorModuleRunsOnScalarKernels() throws Exception {
        String classPath = String.join(File.pathSeparator, System.getProperty("java.class.path"),
                System.getProperty("jdk.module.path", ""), testClasses());
        assertScalarChild(List.of("-cp", classPath, ScalarFallbackMain.class.getName()));
    }

    /** The same with the library as the named module {@code org.jlaplace.core} (its Vector API dependency is static). */
    @Test
    void theNamedModuleWithoutTheVectorModuleRunsOnScalarKernels() throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        assumeTrue(KernelProvider.class.getModule().isNamed() && modulePath != null,
                "the tests run on the class path, not as the named module");
        assertScalarChild(List.of("--module-path", modulePath,
                "--patch-module", "org.jlaplace.core=" + testClasses(),
                "-m", "org.jlaplace.core/" + ScalarFallbackMain.class.getName()));
    }

    /** The module exports its public packages but not the SIMD kernels, which it loads itself. */
    @Test
    void theSimdPackageIsNotExported() {
        Module core = KernelProvider.class.getModule();
        assumeTrue(core.isNamed(), "the tests run on the class path, not as the named module");
        assertEquals("org.jlaplace.core", core.getName());
        assertTrue(core.isExported("org.jlaplace.core.kernels"));
        assertTrue(core.isExported("org.jlaplace.core.linalg"));
        assertTrue(!core.isExported("org.jlaplace.core.internal.vector"), "the SIMD package is exported");
    }

    private static String testClasses() throws Exception {
        return Path.of(ScalarFallbackMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void assertScalarChild(List<String> arguments) throws Exception {
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path err = Files.createTempFile("jlaplace-noVector", ".err");
        try {
            List<String> command = new java.util.ArrayList<>();
            command.add(javaBin);
            command.addAll(arguments);
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), "child failed: " + stderr);
            assertEquals("scalar 6.0 scalar-f32 6.0", out, stderr);
            int warnings = stderr.split("--add-modules jdk.incubator.vector", -1).length - 1;
            assertEquals(1, warnings, "expected one warning naming the flag, got: " + stderr);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
