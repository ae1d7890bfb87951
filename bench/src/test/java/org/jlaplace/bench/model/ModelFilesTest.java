package org.jlaplace.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.io.DType;
import org.jlaplace.autodiff.io.ModelFormatException;
import org.jlaplace.autodiff.io.SafeTensor;
import org.jlaplace.autodiff.io.SafeTensors;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsExactForMlpAndCnn() throws IOException {
        for (String spec : new String[] {"mlp:7-3:gelu", "cnn:2:5-3:leaky_relu"}) {
            Sequential net = ArchitectureSpec.build(spec, new int[] {1, 6, 6}, 3, 11);
            ModelFiles.save(net, dir.resolve("m.json"), dir.resolve("m.safetensors"));
            Sequential back = ModelFiles.load(dir.resolve("m.json"), dir.resolve("m.safetensors"));
            assertArrayEquals(net.flatParameters().toArray(), back.flatParameters().toArray(), 0.0);
            Tensor x = Tensor.full(0.3, 2, 1, 6, 6);
            assertArrayEquals(net.forward(x).toArray(), back.forward(x).toArray(), 0.0);
        }
    }

    @Test
    void wrongShapesAndMissingTensorsAreNamed() throws IOException {
        Sequential net = ArchitectureSpec.build("mlp:4-2", new int[] {3}, 2, 1);
        ModelFiles.save(net, dir.resolve("m.json"), dir.resolve("m.safetensors"));
        SafeTensors.write(dir.resolve("bad.safetensors"), List.of(
                new SafeTensor("0.weight", DType.F32, new int[] {3, 4}, new double[12])), Map.of());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFiles.load(dir.resolve("m.json"), dir.resolve("bad.safetensors")));
        assertTrue(e.getMessage().contains("'0.weight' has shape [3, 4]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        SafeTensors.write(dir.resolve("few.safetensors"), List.of(
                new SafeTensor("0.weight", DType.F32, new int[] {4, 3}, new double[12])), Map.of());
        e = assertThrows(ModelFormatException.class,
                () -> ModelFiles.load(dir.resolve("m.json"), dir.resolve("few.safetensors")));
        assertTrue(e.getMessage().contains("missing tensor '0.bias'"), e.getMessage());
    }

    @Test
    void shortSyntaxErrorsNameTheSpec() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureSpec.expand("mlp:32-5", new int[] {4}, 3));
        assertTrue(e.getMessage().contains("--model mlp:32-5") && e.getMessage().contains("3 outputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSpec.expand("mlp:3:swish", new int[] {4}, 3));
        assertTrue(e.getMessage().contains("activation 'swish'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSpec.expand("cnn:4:3", new int[] {16}, 3));
        assertTrue(e.getMessage().contains("image inputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSpec.expand("rnn:3", new int[] {4}, 3));
        assertTrue(e.getMessage().contains("unknown kind 'rnn'"), e.getMessage());
    }
}
