package org.jlaplace.autodiff.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file (model.json or a safetensors file) is malformed or does not fit the model.
 * The message reads {@code "<file>: <problem>"}, with {@code "line L, column C: "} before the
 * problem when it can be located in JSON text.
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ModelFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
