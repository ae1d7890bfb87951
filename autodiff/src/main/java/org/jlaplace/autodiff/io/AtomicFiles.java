package org.jlaplace.autodiff.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a crash or an exception never leaves a half-written target: the content
 * goes to a temporary file in the target's directory (same file system, so the final rename is
 * atomic where the platform supports it), which then replaces the target.
 */
final class AtomicFiles {

    /** Writes content to an output stream. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to a new temporary file beside {@code target} and returns its path.
     * On failure the temporary file is deleted and the exception rethrown.
     */
    static Path writeTemporary(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
            content.writeTo(out);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    /** Moves a finished temporary file over {@code target}, atomically when possible. */
    static void commit(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Deletes temporary files left by a failed multi-file save; never throws. */
    static void discard(Path... temporaries) {
        for (Path t : temporaries) {
            if (t != null) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // Best effort: the original failure is what the caller reports.
                }
            }
        }
    }

    /** Writes one file atomically. */
    static void write(Path target, Content content) throws IOException {
        commit(writeTemporary(target, content), target);
    }
}
